import { z } from 'zod';

const supportedProtocols = new Set(['http:', 'https:', 'socks5:', 'socks:']);

export const proxyUrlSchema = z.string().refine(
  (value) => {
    if (!URL.canParse(value)) return false;
    return supportedProtocols.has(new URL(value).protocol);
  },
  { message: 'expected a proxy URL with protocol http, https, socks5 or socks (e.g. http://127.0.0.1:8080)' },
);

/**
 * The proxy as errors show it: scheme, host and port, never the user name or password (and no
 * path or query, where a credential could hide too).
 */
export function proxyForDisplay(proxy: string): string {
  if (!URL.canParse(proxy)) return 'the configured proxy';
  const url = new URL(proxy);
  return `${url.protocol}//${url.host}`;
}

/** Whether the proxy URL carries credentials for the proxy. */
export function proxyHasCredentials(proxy: string): boolean {
  if (!URL.canParse(proxy)) return false;
  const url = new URL(proxy);
  return url.username !== '' || url.password !== '';
}
