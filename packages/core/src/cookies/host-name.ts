import { isIP } from 'node:net';

/**
 * Reduces a host as people write it (`Example.COM.`, `example.com:8080`, `[::1]:3000`) to the form
 * cookie domains are stored in, so that every later comparison is a plain equality or suffix test.
 */
export function normalizeHost(host: string): string {
  let result = host.trim().toLowerCase();
  if (result.startsWith('[')) {
    // Inside brackets is the only place where colons belong to the host rather than a port.
    const end = result.indexOf(']');
    return end === -1 ? result.slice(1) : result.slice(1, end);
  }
  const colon = result.indexOf(':');
  // One colon separates a port; several without brackets can only be a bare IPv6 address.
  if (colon !== -1 && colon === result.lastIndexOf(':')) result = result.slice(0, colon);
  // `example.com.` is the fully qualified spelling of the same site, not another one.
  if (result.endsWith('.')) result = result.slice(0, -1);
  return result;
}

/** IP addresses have no parent domain, so RFC 6265 forbids matching them by suffix. */
export function isIpAddress(host: string): boolean {
  return isIP(host) !== 0;
}

/**
 * Browsers treat loopback hosts as a secure context even over plain http, so local development
 * servers and test proxies still receive `Secure` cookies. We follow them to stay unsurprising.
 */
export function isLoopbackHost(host: string): boolean {
  const normalized = normalizeHost(host);
  if (normalized === 'localhost' || normalized.endsWith('.localhost') || normalized === '::1') return true;
  return isIP(normalized) === 4 && normalized.startsWith('127.');
}
