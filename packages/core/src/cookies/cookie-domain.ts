import { normalizeHost } from './host-name.js';

export interface CookieDomain {
  /** Lower-case, without the leading dot. */
  readonly domain: string;
  /** Exports mark domain cookies (sent to subdomains too) with a leading dot. */
  readonly leadingDot: boolean;
}

/** Splits the leading-dot convention off a domain as it appears in a cookie file. */
export function normalizeCookieDomain(raw: string): CookieDomain {
  const trimmed = raw.trim();
  const leadingDot = trimmed.startsWith('.');
  return { domain: normalizeHost(leadingDot ? trimmed.slice(1) : trimmed), leadingDot };
}

/** Says what is wrong with a normalized domain, or `undefined` when it can be matched against hosts. */
export function findCookieDomainProblem(domain: string): string | undefined {
  if (domain === '') return 'expected a domain such as example.com or .example.com, found an empty one';
  if (/[\s/;,]/.test(domain)) return 'expected a domain without spaces, slashes, semicolons or commas';
  return undefined;
}
