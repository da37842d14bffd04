import { proxyUrlSchema, timeoutsSchema } from '@switchyard/core/provider-kit';
import { z } from 'zod';

export const openAIPublicBaseUrl = 'https://api.openai.com/v1';

/** One endpoint: the constructor's settings, and the same keys under `providers.<name>` in config. */
export const openAICompatibleSettingsSchema = z.strictObject({
  /** The registry name, e.g. `Ollama`; `OpenAI` by default, as the default base URL is OpenAI's. */
  name: z.string().min(1).optional(),
  label: z.string().min(1).optional(),
  /** Up to and including `/v1`, e.g. `http://127.0.0.1:11434/v1` for Ollama. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }).optional(),
  apiKey: z.string().min(1).optional(),
  /** Whether calls need `apiKey`; true for OpenAI itself, false for a local server by default. */
  requiresApiKey: z.boolean().optional(),
  /** The models the endpoint serves; empty or absent accepts any name. */
  models: z.array(z.string().min(1)).optional(),
  defaultModel: z.string().min(1).optional(),
  modelAliases: z.record(z.string(), z.string()).optional(),
  /** Sent with every request, e.g. OpenRouter's `HTTP-Referer`. */
  headers: z.record(z.string(), z.string()).optional(),
  proxy: proxyUrlSchema.optional(),
  timeouts: timeoutsSchema.optional(),
  maxSseBufferSize: z.number().int().positive().optional(),
});

export type OpenAICompatibleSettings = z.input<typeof openAICompatibleSettingsSchema>;

/** `providerOptions.<name>`: what OpenAI's wire has beyond the standard settings. */
export const openAICompatibleOptionsSchema = z.strictObject({
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  user: z.string().optional(),
  /** Merged into the request body last: a server's own fields (vLLM's `top_k`, Ollama's `keep_alive`). */
  extraBody: z.record(z.string(), z.unknown()).optional(),
});

export type OpenAICompatibleOptions = z.infer<typeof openAICompatibleOptionsSchema>;
