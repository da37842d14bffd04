import { isIP } from 'node:net';
import { canonicalDomain, getPublicSuffix } from 'tough-cookie';

export interface CookieDomain {
  /** As tough-cookie compares domains: lower-case, international names in punycode, no leading dot. */
  readonly domain: string;
  /** Exports mark domain cookies (sent to subdomains too) with a leading dot. */
  readonly leadingDot: boolean;
}

/** Splits the leading-dot convention off a domain as it appears in a cookie file, and canonicalizes the rest. */
export function normalizeCookieDomain(raw: string): CookieDomain {
  const trimmed = raw.trim();
  const leadingDot = trimmed.startsWith('.');
  const bare = leadingDot ? trimmed.slice(1) : trimmed;
  try {
    return { domain: canonicalDomain(bare) ?? '', leadingDot };
  } catch {
    // An international name the URL parser refuses; findCookieDomainProblem says so.
    return { domain: bare.toLowerCase(), leadingDot };
  }
}

/** Whether `domain` is a host name the URL parser keeps as it is: no scheme, port, path or stray characters. */
function isHostName(domain: string): boolean {
  const host = isIP(domain) === 6 ? `[${domain}]` : domain;
  const candidate = `https://${host}/`;
  return URL.canParse(candidate) && new URL(candidate).hostname === host;
}

/**
 * `co.uk` or `github.io`: a suffix under which anyone can register a site. tough-cookie refuses a
 * domain cookie for one (a browser never stores it), so files are checked the same way up front,
 * where the problem can still be reported at its line.
 */
function isPublicSuffix(domain: string): boolean {
  return (
    isIP(domain) === 0 && getPublicSuffix(domain, { allowSpecialUseDomain: true, ignoreError: true }) === undefined
  );
}

/**
 * Says what is wrong with a normalized domain, or `undefined` when cookies can be stored for it.
 * A host-only cookie for a public suffix is harmless (it goes to that exact host only); a domain
 * cookie for one would go to every site under it.
 */
export function findCookieDomainProblem(domain: string, hostOnly: boolean): string | undefined {
  if (domain === '') return 'expected a domain such as example.com or .example.com, found an empty one';
  if (!isHostName(domain)) {
    return 'expected a host name such as example.com, without a scheme, port, path, spaces or commas';
  }
  if (!hostOnly && isPublicSuffix(domain)) {
    return `expected a site's own domain, not the public suffix ${domain} that every site under it shares`;
  }
  return undefined;
}
