import { z } from 'zod';
import { proxyUrlSchema } from '../transport/proxy-url.js';
import { timeoutsSchema } from '../transport/timeouts.js';

/** What a provider says about its own endpoint where the common words would not tell a user enough. */
export interface HttpEndpointDescriptions {
  /** Where the API is, and where by default: `Up to and including /v1; https://api.example.com/v1.` */
  readonly baseUrl: string;
  /** How the key is sent: `Sent as x-api-key.` */
  readonly apiKey: string;
  /** The model of a call that names none. */
  readonly defaultModel: string;
  /** `Sent with every request.` unless the provider has an example to give. */
  readonly headers?: string | undefined;
}

/**
 * The settings every HTTP endpoint takes, in its constructor and under `providers.<name>` in
 * config: where it is, its key, its models, headers, proxy, timeouts and SSE bound. A provider
 * `.extend()`s it with keys of its own. Every key is optional: the provider's defaults go to
 * `resolveProviderSettings`, so a config section may leave any of them out.
 */
export function httpEndpointSettingsSchema(describe: HttpEndpointDescriptions) {
  return z.strictObject({
    /** The registry name. A config section's name is its key, so a section's schema omits it. */
    name: z.string().min(1).optional(),
    label: z.string().min(1).describe('A longer name for people; the name by default.').optional(),
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
      .describe(describe.baseUrl)
      .optional(),
    apiKey: z.string().min(1).describe(describe.apiKey).optional(),
    models: z
      .array(z.string().min(1))
      .describe('The models the endpoint serves; empty or absent accepts any name.')
      .optional(),
    defaultModel: z.string().min(1).describe(describe.defaultModel).optional(),
    modelAliases: z.record(z.string(), z.string()).describe('Other names for models.').optional(),
    headers: z
      .record(z.string(), z.string())
      .describe(describe.headers ?? 'Sent with every request.')
      .optional(),
    proxy: proxyUrlSchema.describe('The proxy of its calls, over the top-level proxy.').optional(),
    timeouts: timeoutsSchema.describe('Its own timeouts, over the top-level ones.').optional(),
    maxSseBufferSize: z
      .number()
      .int()
      .positive()
      .describe('Characters one SSE line may hold before it is a protocol error.')
      .optional(),
  });
}
