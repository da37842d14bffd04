import { z } from 'zod';
import { findCookieNameProblem, findCookieValueProblem } from '../cookies/cookie-syntax.js';
import { proxyUrlSchema } from '../transport/proxy-url.js';
import { type TimeoutOverrides, timeoutsSchema } from '../transport/timeouts.js';

/** Cookies a `Cookie` header can carry; a bad one is named, its value never shown. */
const cookieRecordSchema = z.record(z.string(), z.string()).superRefine((cookies, context) => {
  for (const [name, value] of Object.entries(cookies)) {
    const problem = findCookieNameProblem(name) ?? findCookieValueProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

/** What every provider accepts per call, besides its own parameters. */
export const callOptionsSchema = z
  .object({
    proxy: proxyUrlSchema.optional(),
    cookies: cookieRecordSchema.optional(),
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
