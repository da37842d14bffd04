import { isIP } from 'node:net';
import { InvalidRequestError } from '../errors/invalid-request-error.js';

/** What decides which cookies a request receives, in the form tough-cookie's jar asks for. */
export interface CookieRequestTarget {
  /** The URL parser turns international names into punycode here, so they meet cookie domains stored that way. */
  readonly url: URL;
  /** True when the caller named only a host: a bare host says nothing of the path, so every path counts. */
  readonly allPaths: boolean;
}

const absoluteUrl = /^[a-z][a-z\d+.-]*:\/\//i;

function invalidTarget(): InvalidRequestError {
  // The target itself stays out of the message: query strings carry tokens as often as cookies do.
  return new InvalidRequestError({ issues: [{ path: 'target', message: 'expected a host or an absolute URL' }] });
}

/**
 * Accepts a host (`example.com`, `example.com:8080`, `[::1]:3000`) or an absolute URL. A bare host
 * is read as https: it says nothing about the scheme either, so `Secure` cookies may go along.
 */
export function parseCookieRequestTarget(target: string): CookieRequestTarget {
  const trimmed = target.trim();
  if (absoluteUrl.test(trimmed)) {
    if (!URL.canParse(trimmed)) throw invalidTarget();
    return { url: new URL(trimmed), allPaths: false };
  }
  // An IPv6 address is only a host inside brackets; without them its colons would read as a port.
  const host = isIP(trimmed) === 6 ? `[${trimmed}]` : trimmed;
  const url = `https://${host}/`;
  if (host === '' || !URL.canParse(url)) throw invalidTarget();
  return { url: new URL(url), allPaths: true };
}
