import type { StoredCookie } from './cookie.js';
import { normalizeCookieDomain } from './cookie-domain.js';
import { isIpAddress, normalizeHost } from './host-name.js';

/**
 * RFC 6265 §5.1.3 domain-match. The dot check is what keeps `evil-example.com` from receiving
 * `example.com`'s cookies; the IP check keeps `1.2.3.4` from matching a cookie set for `2.3.4`.
 */
export function domainMatches(host: string, cookieDomain: string): boolean {
  const normalizedHost = normalizeHost(host);
  const { domain } = normalizeCookieDomain(cookieDomain);
  if (normalizedHost === '' || domain === '') return false;
  if (normalizedHost === domain) return true;
  if (isIpAddress(normalizedHost)) return false;
  return normalizedHost.endsWith(`.${domain}`);
}

/** Host-only cookies were set without a Domain attribute, so browsers never send them to subdomains. */
export function cookieMatchesHost(cookie: StoredCookie, host: string): boolean {
  if (cookie.hostOnly) {
    const normalizedHost = normalizeHost(host);
    return normalizedHost !== '' && normalizedHost === normalizeCookieDomain(cookie.domain).domain;
  }
  return domainMatches(host, cookie.domain);
}
