import { proxyUrlSchema, timeoutsSchema } from '@switchyard/core/provider-kit';
import { z } from 'zod';
import { openAssistantModels } from './openassistant-models.js';
import { openAssistantSamplingSchema } from './openassistant-sampling.js';

export const openAssistantPublicUrl = 'https://open-assistant.io';

/**
 * What an `OpenAssistant` instance is configured with: the constructor's argument, and the same
 * keys under `providers.OpenAssistant` in switchyard.config.json.
 */
export const openAssistantSettingsSchema = z
  .object({
    /** A self-hosted Open-Assistant website; the public one is gone. */
    baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }),
    cookies: z.record(z.string(), z.string()),
    proxy: proxyUrlSchema,
    userAgent: z.string().min(1),
    timeouts: timeoutsSchema,
    /** Defaults for every call; per-call parameters win. */
    sampling: openAssistantSamplingSchema,
    /** How long the cleanup `DELETE` of a chat may take before it is given up (and logged). */
    deleteTimeoutMs: z.number().int().positive(),
    /** Where cookie files are read from; see `resolveCookiesDirectory`. */
    cookiesDir: z.string().min(1),
    /** Characters one SSE line may hold before it is a protocol error. */
    maxSseBufferSize: z.number().int().positive(),
    /** Short names for models, e.g. `{ "llama": "OA_SFT_Llama_30B_6" }`; each must name a known model. */
    modelAliases: z.record(z.string().min(1), z.enum(openAssistantModels)),
  })
  .partial()
  .strict();

export type OpenAssistantSettings = z.input<typeof openAssistantSettingsSchema>;
