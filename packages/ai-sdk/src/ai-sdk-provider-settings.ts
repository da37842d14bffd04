import type { LanguageModelV3 } from '@ai-sdk/provider';
import { proxyUrlSchema, timeoutsSchema } from '@switchyard/core/provider-kit';
import { z } from 'zod';

/** One AI SDK model, or an AI SDK provider's function of a model id (`anthropic`, `createOpenAICompatible(…)`). */
export type AiSdkModelSource = LanguageModelV3 | ((modelId: string) => LanguageModelV3);

/**
 * How `fromAiSdk` presents an AI SDK model to Switchyard; also read from `providers.<name>` in
 * the config, below the settings given in code.
 */
export const aiSdkProviderSettingsSchema = z
  .object({
    /** The registry name, e.g. `Groq`; required. */
    name: z.string().min(1),
    label: z.string().min(1),
    /** The provider's home page or endpoint, for listings; the AI SDK does not expose its base URL. */
    url: z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }),
    /** With a provider function, the model ids it may be asked for (empty: any); with one model, only its own. */
    models: z.array(z.string().min(1)),
    /** With a provider function, the model asked for when the call names none; the first of `models` by default. */
    defaultModel: z.string().min(1),
    modelAliases: z.record(z.string(), z.string().min(1)),
    /** Whether the model's API needs a key. Informational: the AI SDK provider holds the key itself. */
    needsAuth: z.boolean(),
    /** The AI SDK provider was created with `fetch: switchyardFetch`, so a call's `proxy` can be honoured. */
    switchyardFetch: z.boolean(),
    proxy: proxyUrlSchema,
    timeouts: timeoutsSchema,
  })
  .partial()
  .strict();

export type AiSdkProviderSettings = z.input<typeof aiSdkProviderSettingsSchema> & { readonly name: string };

/**
 * `providerOptions[name]` of a Switchyard request: what is handed to the AI SDK model as its
 * own call options. Strict, so a misspelt key is an error.
 */
export const aiSdkCallOptionsSchema = z.strictObject({
  /** The AI SDK's `providerOptions`, e.g. `{ anthropic: { thinking: { type: 'enabled', budgetTokens: 1024 } } }`. */
  providerOptions: z.record(z.string(), z.record(z.string(), z.json())).optional(),
  /** Extra HTTP headers for the model's request. */
  headers: z.record(z.string(), z.string()).optional(),
});

export type AiSdkCallOptions = z.infer<typeof aiSdkCallOptionsSchema>;
