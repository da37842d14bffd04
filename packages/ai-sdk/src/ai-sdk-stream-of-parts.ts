import type { LanguageModelV3StreamPart, SharedV3Warning } from '@ai-sdk/provider';
import type { FinishPart, StartPart, StreamPart } from '@switchyard/core';
import { toAiSdkFinishReason } from './finish-reason-mapping.js';
import { toAiSdkUsage } from './usage-mapping.js';

/** A Switchyard stream that has committed to a provider, and what the AI SDK's stream needs around it. */
export interface CommittedStream {
  readonly start: StartPart;
  /** The parts after `start`. */
  readonly rest: AsyncGenerator<StreamPart, void, undefined>;
  readonly warnings: readonly SharedV3Warning[];
  /** The error the AI SDK should see for a failure of the Switchyard stream. */
  failure(error: unknown): unknown;
  /** True once the caller's own abort signal has fired: the stream then ends as `fetch` would. */
  aborted(): boolean;
  /** Aborts the Switchyard call at once (sockets closed, upstream chats deleted). */
  cancel(reason: unknown): void;
  /** The stream has ended one way or another; called once. */
  settle(): void;
}

type Block = { readonly kind: 'text' | 'reasoning'; readonly id: string };
type Out = ReadableStreamDefaultController<LanguageModelV3StreamPart>;

/**
 * Switchyard's parts as the AI SDK's stream parts: `stream-start` with the warnings,
 * `response-metadata` naming the model that serves, text and reasoning as blocks with
 * start/delta/end, and `finish` with usage, finish reason and the provider that served. A
 * failure is an `error` part and then the stream errors with it, so a consumer of `textStream`
 * sees an exception, never a short answer that looks complete. An abort errors the stream with
 * the caller's own reason, as `fetch` does. Cancelling the stream cancels the Switchyard call.
 */
export function aiSdkStreamOfParts(committed: CommittedStream): ReadableStream<LanguageModelV3StreamPart> {
  let open: Block | undefined;
  let blocks = 0;
  let failed: { readonly error: unknown } | undefined;
  let settled = false;
  const settle = (): void => {
    if (settled) return;
    settled = true;
    committed.settle();
  };
  const fail = (out: Out, error: unknown): void => {
    settle();
    const failure = committed.failure(error);
    if (committed.aborted()) {
      out.error(failure);
      return;
    }
    // The error part goes out first; the next pull fails the stream itself.
    out.enqueue({ type: 'error', error: failure });
    failed = { error: failure };
  };
  /** The next part, or undefined once the stream has failed or was cancelled meanwhile. */
  const next = async (out: Out): Promise<IteratorResult<StreamPart, void> | undefined> => {
    try {
      const result = await committed.rest.next();
      return settled ? undefined : result;
    } catch (error) {
      if (!settled) fail(out, error);
      return undefined;
    }
  };
  const endOpenBlock = (out: Out): void => {
    if (open === undefined) return;
    out.enqueue({ type: open.kind === 'text' ? 'text-end' : 'reasoning-end', id: open.id });
    open = undefined;
  };
  const delta = (out: Out, kind: Block['kind'], text: string): void => {
    if (open?.kind !== kind) {
      endOpenBlock(out);
      open = { kind, id: `${kind}-${blocks++}` };
      out.enqueue({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: open.id });
    }
    out.enqueue({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', id: open.id, delta: text });
  };
  const finish = async (out: Out, part: FinishPart): Promise<void> => {
    // The call is not over at its finish part: the provider still releases what it holds
    // upstream and a chain records its success. Both happen before the AI SDK hears the end.
    const after = await next(out);
    if (after === undefined) return;
    if (after.done !== true) {
      fail(out, new Error('the Switchyard stream went on after its finish part'));
      return;
    }
    endOpenBlock(out);
    out.enqueue({
      type: 'finish',
      finishReason: toAiSdkFinishReason(part.finishReason, part.rawFinishReason),
      usage: toAiSdkUsage(part.usage),
      providerMetadata: { switchyard: { provider: committed.start.provider, model: committed.start.model } },
    });
    settle();
    out.close();
  };

  return new ReadableStream<LanguageModelV3StreamPart>(
    {
      start(out) {
        out.enqueue({ type: 'stream-start', warnings: [...committed.warnings] });
        out.enqueue({ type: 'response-metadata', modelId: committed.start.model, timestamp: new Date() });
      },
      async pull(out) {
        if (failed !== undefined) {
          out.error(failed.error);
          return;
        }
        const result = await next(out);
        if (result === undefined) return;
        if (result.done === true) {
          // Switchyard's streams end with a finish part or throw; this is a broken provider.
          fail(out, new Error('the Switchyard stream ended without a finish part'));
          return;
        }
        const part = result.value;
        if (part.type === 'text' || part.type === 'reasoning') delta(out, part.type, part.text);
        else if (part.type === 'finish') await finish(out, part);
      },
      async cancel(reason) {
        if (settled) return;
        settle();
        committed.cancel(reason);
        // Runs the providers' cleanup (an Open Assistant chat deleted) before the cancel resolves.
        await committed.rest.return(undefined).catch(() => undefined);
      },
    },
    // No reading ahead: a part is asked of Switchyard only when the AI SDK wants one.
    { highWaterMark: 0 },
  );
}
