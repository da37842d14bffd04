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
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
      .describe('A self-hosted Open-Assistant website, e.g. https://oa.example.org; the public one is gone.'),
    cookies: z
      .record(z.string(), z.string())
      .describe('Cookie name → value for its host: the session cookie __Secure-next-auth.session-token.'),
    proxy: proxyUrlSchema.describe('The proxy of its calls, over the top-level proxy.'),
    userAgent: z.string().min(1).describe('The User-Agent header it sends.'),
    timeouts: timeoutsSchema.describe('Its own timeouts, over the top-level ones.'),
    sampling: openAssistantSamplingSchema.describe('Sampling defaults for every call; what a call sets wins.'),
    deleteTimeoutMs: z
      .number()
      .int()
      .positive()
      .describe('How long the cleanup DELETE of a chat may take before it is given up (and logged), in ms; 5000.'),
    modelAliases: z
      .record(z.string().min(1), z.enum(openAssistantModels))
      .describe('Other names for models, e.g. { "llama": "OA_SFT_Llama_30B_6" }; each must name a known model.'),
    cookiesDir: z.string().min(1).describe('Its own folder of cookie files, over the top-level cookiesDir.'),
    maxSseBufferSize: z
      .number()
      .int()
      .positive()
      .describe('Characters one SSE line may hold before it is a protocol error.'),
  })
  .partial()
  .strict();

export type OpenAssistantSettings = z.input<typeof openAssistantSettingsSchema>;
