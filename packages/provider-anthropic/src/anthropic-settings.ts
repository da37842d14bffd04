import { proxyUrlSchema, timeoutsSchema } from '@switchyard/core/provider-kit';
import { z } from 'zod';

export const anthropicPublicBaseUrl = 'https://api.anthropic.com/v1';

/** The constructor's settings, and the same keys under `providers.<name>` in config. */
export const anthropicSettingsSchema = z.strictObject({
  /** The registry name; `Anthropic` by default. */
  name: z.string().min(1).optional(),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
    .describe('Up to and including /v1; https://api.anthropic.com/v1.')
    .optional(),
  apiKey: z.string().min(1).describe('Sent as x-api-key.').optional(),
  version: z.string().min(1).describe('The anthropic-version header; 2023-06-01.').optional(),
  models: z.array(z.string().min(1)).describe('The models to accept; any name when absent.').optional(),
  defaultModel: z.string().min(1).describe('The model of a call that names none; claude-sonnet-4-5.').optional(),
  modelAliases: z.record(z.string(), z.string()).describe('Other names for models.').optional(),
  defaultMaxOutputTokens: z
    .number()
    .int()
    .positive()
    .describe('max_tokens, which the API requires, for a call that sets no maxOutputTokens; 4096.')
    .optional(),
  headers: z.record(z.string(), z.string()).describe('Sent with every request.').optional(),
  proxy: proxyUrlSchema.describe('The proxy of its calls, over the top-level proxy.').optional(),
  timeouts: timeoutsSchema.describe('Its own timeouts, over the top-level ones.').optional(),
  maxSseBufferSize: z
    .number()
    .int()
    .positive()
    .describe('Characters one SSE line may hold before it is a protocol error.')
    .optional(),
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

export const anthropicAuthHint = 'Set apiKey (sent as x-api-key) in the settings or under providers.<name> in config.';
