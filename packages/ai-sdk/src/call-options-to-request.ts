import type { LanguageModelV3CallOptions, SharedV3Warning } from '@ai-sdk/provider';
import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { type ChatRequest, callOptionsSchema } from '@switchyard/core';
import { parseRequestInput, withoutUndefined } from '@switchyard/core/provider-kit';
import { promptToMessages } from './prompt-to-messages.js';

/**
 * What `providerOptions.switchyard` may carry: the parts of a Switchyard request the AI SDK has
 * no option for. Strict, and checked like any Switchyard input, so a misspelt key is an error.
 */
export const switchyardCallOptionsSchema = callOptionsSchema.pick({
  providerOptions: true,
  timeouts: true,
  proxy: true,
  cookies: true,
});

export type SwitchyardCallOptions = Pick<ChatRequest, 'providerOptions' | 'timeouts' | 'proxy' | 'cookies'>;

/** The request a call becomes, without its signal and listeners (the model adds those). */
export type ConvertedRequest = Omit<ChatRequest, 'signal' | 'onWarning' | 'onAttempt'>;

export interface ConvertedCall {
  readonly request: ConvertedRequest;
  /** What the AI SDK asked for that no Switchyard request can carry. */
  readonly warnings: SharedV3Warning[];
}

/** Headers the AI SDK adds by itself; only the caller's own headers are worth a warning. */
const sdkHeaders = new Set(['user-agent']);

/**
 * The AI SDK's call options as a Switchyard request. The standard settings map one to one;
 * `providerOptions.switchyard` carries the rest. Settings no Switchyard request has (penalties,
 * JSON output, headers) are warnings; tools, which would change what the answer is, are an
 * `UnsupportedFunctionalityError`.
 */
export function callOptionsToRequest(
  options: LanguageModelV3CallOptions,
  model: string | undefined,
  provider: string,
): ConvertedCall {
  if (options.tools !== undefined && options.tools.length > 0) {
    throw new UnsupportedFunctionalityError({
      functionality: 'tools',
      message: 'Switchyard models stream text only; tools are not supported.',
    });
  }
  const { messages, warnings } = promptToMessages(options.prompt);
  const own = parseRequestInput(
    switchyardCallOptionsSchema,
    options.providerOptions?.switchyard ?? {},
    'providerOptions.switchyard',
    provider,
  ) as SwitchyardCallOptions;
  const request: ConvertedRequest = {
    messages,
    ...(model === undefined ? {} : { model }),
    ...withoutUndefined({
      temperature: options.temperature,
      topP: options.topP,
      topK: options.topK,
      maxOutputTokens: options.maxOutputTokens,
      seed: options.seed,
      // The AI SDK may pass an empty list; Switchyard reads "no stop sequences" as absent.
      stopSequences:
        options.stopSequences !== undefined && options.stopSequences.length > 0 ? options.stopSequences : undefined,
    }),
    ...own,
  };
  for (const setting of ['presencePenalty', 'frequencyPenalty'] as const) {
    if (options[setting] !== undefined) {
      warnings.push({ type: 'unsupported', feature: setting, details: 'Switchyard requests have no such setting' });
    }
  }
  if (options.responseFormat?.type === 'json') {
    warnings.push({
      type: 'unsupported',
      feature: 'responseFormat',
      details: 'Switchyard streams text; the answer is not constrained to JSON',
    });
  }
  const headers = Object.entries(options.headers ?? {}).filter(
    ([name, value]) => value !== undefined && !sdkHeaders.has(name.toLowerCase()),
  );
  if (headers.length > 0) {
    warnings.push({
      type: 'unsupported',
      feature: 'headers',
      details: `Switchyard requests carry no extra headers; ${headers.map(([name]) => name).join(', ')} not sent`,
    });
  }
  return { request, warnings };
}
