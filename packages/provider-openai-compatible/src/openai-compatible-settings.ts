import { proxyUrlSchema, timeoutsSchema } from '@switchyard/core';
import { z } from 'zod';

export const openAIPublicBaseUrl = 'https://api.openai.com/v1';

/**
 * One OpenAI-compatible endpoint. The same keys go under `providers.<name>` in
 * switchyard.config.json; several instances with different names can be registered side by side.
 */
export const openAICompatibleSettingsSchema = z
  .object({
    /** The registry name, e.g. `Ollama`; `OpenAICompatible` by default. */
    name: z.string().min(1),
    label: z.string().min(1),
    /** Up to and including `/v1`, e.g. `http://127.0.0.1:11434/v1` for Ollama. */
    baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }),
    apiKey: z.string().min(1),
    /** Whether calls need `apiKey`; true for OpenAI itself, false for a local server by default. */
    requiresApiKey: z.boolean(),
    /** The models the endpoint serves; empty or absent accepts any name. */
    models: z.array(z.string().min(1)),
    defaultModel: z.string().min(1),
    modelAliases: z.record(z.string(), z.string()),
    /** Sent with every request, e.g. OpenRouter's `HTTP-Referer`. */
    headers: z.record(z.string(), z.string()),
    proxy: proxyUrlSchema,
    timeouts: timeoutsSchema,
    maxSseBufferSize: z.number().int().positive(),
  })
  .partial()
  .strict();

export type OpenAICompatibleSettings = z.input<typeof openAICompatibleSettingsSchema>;
