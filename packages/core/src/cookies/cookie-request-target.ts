import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { isLoopbackHost, normalizeHost } from './host-name.js';

/** What decides which cookies a request receives. */
export interface CookieRequestTarget {
  readonly host: string;
  /** `undefined` when the caller named only a host, so every path counts. */
  readonly path: string | undefined;
  /** Whether `Secure` cookies may go along: a bare host says nothing about the scheme, so it may. */
  readonly secureAllowed: boolean;
}

const secureSchemes = new Set(['https:', 'wss:']);

/** Accepts a host (`example.com`, `example.com:8080`) or an absolute URL. */
export function parseCookieRequestTarget(target: string): CookieRequestTarget {
  const trimmed = target.trim();
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(trimmed)) {
    return { host: normalizeHost(trimmed), path: undefined, secureAllowed: true };
  }
  if (!URL.canParse(trimmed)) {
    // The URL itself stays out of the message: query strings carry tokens as often as cookies do.
    throw new InvalidRequestError({ issues: [{ path: 'target', message: 'expected a host or an absolute URL' }] });
  }
  const url = new URL(trimmed);
  const host = normalizeHost(url.hostname);
  return {
    host,
    path: url.pathname,
    secureAllowed: secureSchemes.has(url.protocol) || isLoopbackHost(host),
  };
}
