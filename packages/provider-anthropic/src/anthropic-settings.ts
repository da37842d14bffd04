import { httpEndpointSettingsSchema } from '@switchyard/core/provider-kit';
import { z } from 'zod';

export const anthropicPublicBaseUrl = 'https://api.anthropic.com/v1';

/** The constructor's settings, and the same keys under `providers.<name>` in config; `name` is `Anthropic` by default. */
export const anthropicSettingsSchema = httpEndpointSettingsSchema({
  baseUrl: 'Up to and including /v1; https://api.anthropic.com/v1.',
  apiKey: 'Sent as x-api-key.',
  defaultModel: 'The model of a call that names none; claude-sonnet-4-5.',
}).extend({
  version: z.string().min(1).describe('The anthropic-version header; 2023-06-01.').optional(),
  defaultMaxOutputTokens: z
    .number()
    .int()
    .positive()
    .describe('max_tokens, which the API requires, for a call that sets no maxOutputTokens; 4096.')
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
