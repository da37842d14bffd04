import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie';
import { InvalidRequestError, type InvalidRequestIssue } from '../errors/invalid-request-error.js';
import type { StoredCookie } from './cookie.js';
import { findCookieDomainProblem, normalizeCookieDomain } from './cookie-domain.js';
import { parseCookieFile } from './cookie-file-format.js';
import { parseCookieRequestTarget } from './cookie-request-target.js';
import { describeCookieName, findCookieNameProblem, findCookieValueProblem } from './cookie-syntax.js';

/** The URL a cookie for `domain` is stored as coming from: https, so a `Secure` cookie is accepted. */
function originOf(domain: string): string {
  return `https://${isIP(domain) === 6 ? `[${domain}]` : domain}/`;
}

function toToughCookie(cookie: StoredCookie, domain: string): Cookie {
  return new Cookie({
    key: cookie.name,
    value: cookie.value,
    // No domain attribute is what makes tough-cookie store a cookie host-only, for the origin's host.
    domain: cookie.hostOnly ? null : domain,
    path: cookie.path,
    secure: cookie.secure,
    expires: cookie.expiresAt === undefined ? 'Infinity' : new Date(cookie.expiresAt),
  });
}

/**
 * Cookies loaded from files or given explicitly, handed out per request the way a browser would.
 * Matching is tough-cookie's (RFC 6265 with public-suffix checks, punycode, path, `Secure` and
 * expiry rules). Its jar is used through the synchronous API over its in-memory store: nothing
 * here waits on I/O, and `getCookies` sits on the request path, where a promise per call buys
 * nothing.
 */
export class CookieStore {
  readonly #jar = new CookieJar(new MemoryCookieStore(), {
    rejectPublicSuffixes: true,
    // `localhost`, `*.test`: development servers get cookies like any other site.
    allowSpecialUseDomain: true,
    // Browsers treat loopback hosts as a secure context even over plain http; local servers and
    // test proxies still receive `Secure` cookies.
    allowSecureOnLocal: true,
    // `__Secure-`/`__Host-` rules keep a less secure origin from *setting* such a cookie in a
    // browser. These come from the user's own files, and HAR request cookies and hand-written
    // cookies.txt lines lose the `Secure` flag the browser enforced: refusing them would silently
    // drop the session cookie. `Secure` itself still keeps a cookie off plain http.
    prefixSecurity: 'unsafe-disabled',
  });

  /** How many cookies the store holds, expired ones included until a request finds them expired. */
  get size(): number {
    return this.#jar.serializeSync()?.cookies.length ?? 0;
  }

  /** The domains the store holds cookies for, each once, in the order first added. */
  domains(): string[] {
    const cookies = this.#jar.serializeSync()?.cookies ?? [];
    return [...new Set(cookies.flatMap((cookie) => (typeof cookie.domain === 'string' ? [cookie.domain] : [])))];
  }

  /**
   * Adds a cookie, replacing one with the same name, domain and path (RFC 6265's identity).
   * Throws `InvalidRequestError` for a domain or path no request could match, and for a domain
   * cookie on a public suffix (`.com`, `.co.uk`), which would otherwise go to every site under it.
   */
  add(cookie: StoredCookie): void {
    // The interface promises a normalized domain; normalizing again costs little and means a
    // hand-built `Example.com` or `bücher.example` cookie does not silently never match.
    const { domain } = normalizeCookieDomain(cookie.domain);
    const issues: InvalidRequestIssue[] = [];
    const domainProblem = findCookieDomainProblem(domain, cookie.hostOnly);
    if (domainProblem !== undefined) issues.push({ path: 'domain', message: domainProblem });
    if (!cookie.path.startsWith('/')) issues.push({ path: 'path', message: "expected a path starting with '/'" });
    if (issues.length > 0) throw new InvalidRequestError({ issues });
    try {
      this.#jar.setCookieSync(toToughCookie(cookie, domain), originOf(domain));
    } catch (error) {
      // Checked above, so this is tough-cookie disagreeing; its message names the rule, never the value.
      throw new InvalidRequestError({
        issues: [{ path: 'domain', message: `the cookie jar refused a cookie for ${domain}` }],
        cause: error,
      });
    }
  }

  /**
   * Adds cookies given by name and value for one host: host-only, path `/`, not secure, no
   * expiry. A leading dot (`.example.com`) makes them domain cookies, as in every cookie file.
   */
  addRecord(domain: string, record: Readonly<Record<string, string>>): void {
    const normalized = normalizeCookieDomain(domain);
    const hostOnly = !normalized.leadingDot;
    const issues: InvalidRequestIssue[] = [];
    const domainProblem = findCookieDomainProblem(normalized.domain, hostOnly);
    if (domainProblem !== undefined) issues.push({ path: 'domain', message: domainProblem });
    for (const [name, value] of Object.entries(record)) {
      const problem = findCookieNameProblem(name) ?? findCookieValueProblem(value);
      if (problem !== undefined) issues.push({ path: `cookies.${describeCookieName(name)}`, message: problem });
    }
    if (issues.length > 0) throw new InvalidRequestError({ issues });
    for (const [name, value] of Object.entries(record)) {
      this.add({ name, value, domain: normalized.domain, hostOnly, path: '/', secure: false, expiresAt: undefined });
    }
  }

  /** Loads one cookie file; the format comes from its extension and content. Returns how many cookies it held. */
  async loadFile(filePath: string): Promise<number> {
    const cookies = parseCookieFile(filePath, await readFile(filePath, 'utf8'));
    for (const cookie of cookies) this.add(cookie);
    return cookies.length;
  }

  /**
   * The cookies a request to `target` (a host, or a URL) should carry, by name. A header carries
   * one value per name: the most specific path wins, as in a browser's ordering, and between
   * equally specific ones the cookie added later, so a later file or an explicit cookie overrides.
   */
  getCookies(target: string): Record<string, string> {
    // No host matches no cookie; that is not a malformed target.
    if (target.trim() === '') return {};
    const { url, allPaths } = parseCookieRequestTarget(target);
    const chosen = new Map<string, Cookie>();
    // Sorted longest path first, then oldest first: a later cookie of the same path length replaces.
    for (const cookie of this.#jar.getCookiesSync(url, { allPaths, sort: true })) {
      const current = chosen.get(cookie.key);
      if (current === undefined || (cookie.path?.length ?? 0) >= (current.path?.length ?? 0)) {
        chosen.set(cookie.key, cookie);
      }
    }
    // fromEntries defines properties, so a cookie named `__proto__` stays a plain entry.
    return Object.fromEntries([...chosen].map(([name, cookie]) => [name, cookie.value]));
  }
}
