import { proxyUrlSchema, timeoutsSchema } from '@switchyard/core/provider-kit';
import { z } from 'zod';

export const anthropicPublicBaseUrl = 'https://api.anthropic.com/v1';

/** The constructor's settings, and the same keys under `providers.<name>` in config. */
export const anthropicSettingsSchema = z.strictObject({
  /** The registry name; `Anthropic` by default. */
  name: z.string().min(1).optional(),
  /** Up to and including `/v1`. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }).optional(),
  /** Sent as `x-api-key`. */
  apiKey: z.string().min(1).optional(),
  /** The `anthropic-version` header. */
  version: z.string().min(1).optional(),
  /** The models to accept; any name when absent. */
  models: z.array(z.string().min(1)).optional(),
  defaultModel: z.string().min(1).optional(),
  modelAliases: z.record(z.string(), z.string()).optional(),
  /** `max_tokens` is required by the API: this is sent when the call sets no `maxOutputTokens`. */
  defaultMaxOutputTokens: z.number().int().positive().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  proxy: proxyUrlSchema.optional(),
  timeouts: timeoutsSchema.optional(),
  maxSseBufferSize: z.number().int().positive().optional(),
});

export type AnthropicSettings = z.input<typeof anthropicSettingsSchema>;

/** `providerOptions.Anthropic`. */
export const anthropicOptionsSchema = z.strictObject({
  /** Extended thinking, streamed as reasoning parts; the budget counts towards `max_tokens`. */
  thinking: z.strictObject({ budgetTokens: z.number().int().min(1024) }).optional(),
  /** Merged into the request body last, for what this provider has no name for. */
  extraBody: z.record(z.string(), z.unknown()).optional(),
});

export type AnthropicOptions = z.infer<typeof anthropicOptionsSchema>;
