import type { ProviderConfigSection, UnlistedProviderSection } from '@switchyard/core';
import { httpEndpointSettingsSchema } from '@switchyard/core/provider-kit';
import { z } from 'zod';

export const openAIPublicBaseUrl = 'https://api.openai.com/v1';

/**
 * One endpoint: the constructor's settings, and the same keys under `providers.<name>` in config.
 * Its `name` is `OpenAI` by default, as the default base URL is OpenAI's.
 */
export const openAICompatibleSettingsSchema = httpEndpointSettingsSchema({
  baseUrl: 'Up to and including /v1, e.g. http://127.0.0.1:11434/v1 for Ollama; https://api.openai.com/v1.',
  apiKey: 'Sent as Authorization: Bearer.',
  defaultModel: 'The model of a call that names none; the first of models.',
  headers: "Sent with every request, e.g. OpenRouter's HTTP-Referer.",
}).extend({
  requiresApiKey: z
    .boolean()
    .describe('Whether calls need apiKey; true for api.openai.com, false for any other base URL by default.')
    .optional(),
});

export type OpenAICompatibleSettings = z.input<typeof openAICompatibleSettingsSchema>;

/** A section of `providers`: the constructor's settings, less `name`, which is the section's key. */
export const openAICompatibleSectionSchema = openAICompatibleSettingsSchema.omit({ name: true });
/** `providers.OpenAI`: the built-in instance, OpenAI itself unless given a base URL. */
export const openAICompatibleConfigSection: ProviderConfigSection = {
  name: 'OpenAI',
  schema: openAICompatibleSectionSchema,
};
/** Any other name is an endpoint of its own, so it must say where it is: a misspelt name is caught, not sent to OpenAI. */
export const openAICompatibleEndpointSection: UnlistedProviderSection = {
  schema: openAICompatibleSectionSchema.extend({ baseUrl: openAICompatibleSectionSchema.shape.baseUrl.unwrap() }),
  description: 'an OpenAI-compatible endpoint',
};

/** `providerOptions.<name>`: what OpenAI's wire has beyond the standard settings. */
export const openAICompatibleOptionsSchema = z.strictObject({
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  user: z.string().optional(),
  /** Merged into the request body last: a server's own fields (vLLM's `top_k`, Ollama's `keep_alive`). */
  extraBody: z.record(z.string(), z.unknown()).optional(),
});

export type OpenAICompatibleOptions = z.infer<typeof openAICompatibleOptionsSchema>;

export const openAIAuthHint =
  'Set apiKey (sent as a Bearer token) in the settings or under providers.<name> in config.';
