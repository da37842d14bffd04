import { z } from 'zod';
import { logLevels } from '../logging/logger.js';
import { timeoutsSchema } from '../transport/timeouts.js';
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
  proxy: z.string().refine(isProxyUrl, 'expected a proxy URL with protocol http, https, socks5 or socks').optional(),
  timeouts: timeoutsSchema.optional(),
  /** Domain → cookie name → value, sent to providers that authenticate with a browser session. */
  cookies: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  // Non-empty: an empty directory name would silently mean the working directory.
  cookiesDir: z.string().min(1).optional(),
  sse: z
    .strictObject({
      /** Characters buffered for one SSE line or event before the stream counts as a protocol error. */
      maxBufferSize: z.number().int().positive().optional(),
    })
    .optional(),
  logLevel: z.enum(logLevels).optional(),
  /** Provider name → its own settings; each provider validates its section with its own schema. */
  providers: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /**
   * Modules that register providers, imported by the `switchyard` command before it builds its
   * providers: package names, or paths relative to the config file.
   */
  plugins: z.array(z.string().min(1)).optional(),
  /** The circuit breaker's policy, and the Redis a fleet shares it through. */
  health: healthConfigSchema.optional(),
});

export type SwitchyardConfig = z.infer<typeof switchyardConfigSchema>;
