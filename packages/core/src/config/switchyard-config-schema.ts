import { z } from 'zod';
import { logLevels } from '../logging/logger.js';
import { timeoutsSchema } from '../transport/timeouts.js';
import { chainsSchema, gatewayKeysSchema, gatewayLimitsSchema } from './gateway-config-schema.js';
import { healthConfigSchema } from './health-config-schema.js';

const proxyProtocols = new Set(['http:', 'https:', 'socks5:', 'socks:']);

function isProxyUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return proxyProtocols.has(url.protocol) && url.hostname !== '';
}

/** Everything a `switchyard.config.json` may hold. Strict, so a misspelt key is reported instead of ignored. */
export const switchyardConfigSchema = z.strictObject({
  proxy: z
    .string()
    .refine(isProxyUrl, 'expected a proxy URL with protocol http, https, socks5 or socks')
    .describe('The proxy of every call that names none: http://, https:// or socks5://, credentials in the URL.')
    .optional(),
  timeouts: timeoutsSchema.describe('Limits for each phase of a call; a provider section may set its own.').optional(),
  cookies: z
    .record(z.string(), z.record(z.string(), z.string()))
    .describe('Domain → cookie name → value, sent to providers that sign in with a browser session (Open Assistant).')
    .optional(),
  // Non-empty: an empty directory name would silently mean the working directory.
  cookiesDir: z
    .string()
    .min(1)
    .describe('The folder of cookie files (JSON exports, cookies.txt, HAR); ./har_and_cookies when it exists.')
    .optional(),
  sse: z
    .strictObject({
      maxBufferSize: z
        .number()
        .int()
        .positive()
        .describe('Characters one SSE line or event may hold before the stream is a protocol error; 1048576.')
        .optional(),
    })
    .describe('How server-sent event streams are read.')
    .optional(),
  logLevel: z.enum(logLevels).describe('What the logger writes to stderr; silent by default.').optional(),
  providers: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .describe('Provider name → its settings, checked by that provider (the sections below).')
    .optional(),
  /**
   * Modules that register providers, imported by the `switchyard` command before it builds its
   * providers: package names, or paths relative to the config file.
   */
  plugins: z
    .array(z.string().min(1))
    .describe('Modules the switchyard command imports for their providers: package names, or paths from this file.')
    .optional(),
  /** The circuit breaker's policy, and the Redis a fleet shares it through. */
  health: healthConfigSchema.describe('The circuit breaker of provider health, and where it is kept.').optional(),
  chains: chainsSchema
    .describe('Fallback chains by name, for `switchyard serve`: a list of providers, or `{ providers, retry }`.')
    .optional(),
  keys: gatewayKeysSchema
    .describe('Client keys `switchyard serve` accepts as `Authorization: Bearer <key>`.')
    .optional(),
  gateway: gatewayLimitsSchema.describe('Limits and timeouts of `switchyard serve`.').optional(),
});

export type SwitchyardConfig = z.infer<typeof switchyardConfigSchema>;
