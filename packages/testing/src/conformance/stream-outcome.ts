import type { AnyProvider, CallOptions, Messages } from '@switchyard/core';

export interface StreamOutcome {
  readonly deltas: unknown[];
  readonly error: unknown;
  readonly failed: boolean;
}

/** Drains a provider's stream, keeping what it yielded and how it ended. */
export async function streamOutcome(
  provider: AnyProvider,
  messages: Messages,
  options: CallOptions = {},
  model?: string,
): Promise<StreamOutcome> {
  const deltas: unknown[] = [];
  try {
    for await (const delta of provider.createAsyncGenerator(model, messages, options)) deltas.push(delta);
    return { deltas, error: undefined, failed: false };
  } catch (error) {
    return { deltas, error, failed: true };
  }
}
