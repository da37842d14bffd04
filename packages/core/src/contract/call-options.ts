import { z } from 'zod';
import { proxyUrlSchema } from '../transport/proxy-url.js';
import { type TimeoutOverrides, timeoutsSchema } from '../transport/timeouts.js';

/** What every provider accepts per call, besides its own parameters. */
export const callOptionsSchema = z
  .object({
    proxy: proxyUrlSchema.optional(),
    cookies: z.record(z.string(), z.string()).optional(),
    signal: z.instanceof(AbortSignal, { message: 'expected an AbortSignal' }).optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict();

export interface CallOptions {
  /** An http, https or socks5 proxy URL for this call. */
  readonly proxy?: string | undefined;
  /** Cookies for the provider's host; they win over configured and stored cookies. */
  readonly cookies?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeouts?: TimeoutOverrides | undefined;
}
