import type { StandardSettings } from '@switchyard/core';
import { withoutUndefined } from '@switchyard/core/provider-kit';
import { z } from 'zod';

const probability = z.number().gt(0).lte(1);

/**
 * Per-call sampling parameters in camelCase. The server itself validates none of them (protocol
 * §3.1), so the ranges here are the ones its own UI allows, checked before anything is sent.
 * `null` means "leave it to the worker", as in the wire format; `maxNewTokens` cannot be null.
 */
export const openAssistantSamplingSchema = z
  .object({
    topK: z
      .number()
      .int()
      .positive()
      .nullable()
      .describe('top_k; 50 (the k50-Plugins preset); null leaves it to the worker.'),
    topP: probability.nullable().describe('top_p; null by default.'),
    typicalP: probability.nullable().describe('typical_p; null by default.'),
    temperature: z.number().gt(0).lte(2).nullable().describe('temperature; 0.35.'),
    repetitionPenalty: z.number().gte(1).lte(3).nullable().describe('repetition_penalty; 1/0.9.'),
    maxNewTokens: z.number().int().positive().describe('max_new_tokens, the longest answer; 1024.'),
  })
  .partial()
  .strict();

export type OpenAssistantSampling = z.infer<typeof openAssistantSamplingSchema>;

/**
 * The `k50-Plugins` preset, which gpt4free's client sent on every call: the default unless config
 * or the constructor says otherwise.
 */
export const k50PluginsPreset = {
  topK: 50,
  topP: null,
  typicalP: null,
  temperature: 0.35,
  repetitionPenalty: 1 / 0.9,
  maxNewTokens: 1024,
} as const satisfies Required<OpenAssistantSampling>;

/** The wire's `sampling_parameters`, in the order the original client wrote them. */
export function samplingParametersBody(sampling: Required<OpenAssistantSampling>) {
  return {
    top_k: sampling.topK,
    top_p: sampling.topP,
    typical_p: sampling.typicalP,
    temperature: sampling.temperature,
    repetition_penalty: sampling.repetitionPenalty,
    max_new_tokens: sampling.maxNewTokens,
  };
}

/** `providerOptions.OpenAssistant`: the sampling parameters the standard settings have no name for. */
export const openAssistantOptionsSchema = openAssistantSamplingSchema.pick({ typicalP: true, repetitionPenalty: true });

export type OpenAssistantOptions = z.infer<typeof openAssistantOptionsSchema>;

/** A call's sampling: the standard settings and the provider's options given, over the configured ones. */
export function callSampling(
  configured: Required<OpenAssistantSampling>,
  settings: StandardSettings,
  options: OpenAssistantOptions,
): Required<OpenAssistantSampling> {
  const given: OpenAssistantSampling = {
    temperature: settings.temperature,
    topP: settings.topP,
    topK: settings.topK,
    maxNewTokens: settings.maxOutputTokens,
    ...options,
  };
  return { ...configured, ...withoutUndefined(given) };
}
