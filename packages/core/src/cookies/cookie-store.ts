import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidRequestError, type InvalidRequestIssue } from '../errors/invalid-request-error.js';
import type { StoredCookie } from './cookie.js';
import { findCookieDomainProblem, normalizeCookieDomain } from './cookie-domain.js';
import { cookieFileExtensions, parseCookieFile } from './cookie-file-format.js';
import { parseCookieRequestTarget } from './cookie-request-target.js';
import { describeCookieName, findCookieNameProblem, findCookieValueProblem } from './cookie-syntax.js';
import { cookieMatchesHost } from './domain-match.js';
import { pathMatches } from './path-match.js';

/**
 * RFC 6265 replaces a cookie with the same name, domain and path. Browsers also keep a host-only
 * and a domain cookie of the same name apart (Chrome stores the latter with its leading dot), so
 * the flag is part of the identity here too.
 */
function identityOf(cookie: StoredCookie): string {
  return JSON.stringify([cookie.name, cookie.domain, cookie.path, cookie.hostOnly]);
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

async function readCookieFile(filePath: string): Promise<StoredCookie[]> {
  return parseCookieFile(filePath, await readFile(filePath, 'utf8'));
}

/** Cookies loaded from files or given explicitly, handed out per request the way a browser would. */
export class CookieStore {
  // A Map keeps insertion order, which is what breaks ties between equally specific cookies.
  readonly #cookies = new Map<string, StoredCookie>();

  get size(): number {
    return this.#cookies.size;
  }

  /** Adds a cookie, replacing one with the same name, domain, path and host-only flag. */
  add(cookie: StoredCookie): void {
    // The interface promises a normalized domain; normalizing again costs nothing and means a
    // hand-built `Example.com` cookie does not silently never match.
    const stored: StoredCookie = { ...cookie, domain: normalizeCookieDomain(cookie.domain).domain };
    const identity = identityOf(stored);
    // Deleting first moves a replaced cookie to the end: it is now the most recently added.
    this.#cookies.delete(identity);
    this.#cookies.set(identity, stored);
  }

  /**
   * Adds cookies given by name and value for one host: host-only, path `/`, not secure, no
   * expiry. A leading dot (`.example.com`) makes them domain cookies, as in every cookie file.
   */
  addRecord(domain: string, record: Readonly<Record<string, string>>): void {
    const normalized = normalizeCookieDomain(domain);
    const issues: InvalidRequestIssue[] = [];
    const domainProblem = findCookieDomainProblem(normalized.domain);
    if (domainProblem !== undefined) issues.push({ path: 'domain', message: domainProblem });
    for (const [name, value] of Object.entries(record)) {
      const problem = findCookieNameProblem(name) ?? findCookieValueProblem(value);
      if (problem !== undefined) issues.push({ path: `cookies.${describeCookieName(name)}`, message: problem });
    }
    if (issues.length > 0) throw new InvalidRequestError({ issues });
    for (const [name, value] of Object.entries(record)) {
      this.add({
        name,
        value,
        domain: normalized.domain,
        hostOnly: !normalized.leadingDot,
        path: '/',
        secure: false,
        expiresAt: undefined,
      });
    }
  }

  /** Loads one cookie file; the format comes from its extension and content. Returns how many cookies it held. */
  async loadFile(filePath: string): Promise<number> {
    const cookies = await readCookieFile(filePath);
    for (const cookie of cookies) this.add(cookie);
    return cookies.length;
  }

  /**
   * Loads every `.har`, `.json` and `.txt` file in a folder (not its subfolders). Every file is
   * parsed before any cookie is added, so one bad file leaves the store as it was.
   */
  async loadDirectory(dir: string): Promise<number> {
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch (error) {
      // No cookies folder is the normal case for anyone who does not use cookie-based providers.
      if (isMissing(error)) return 0;
      throw error;
    }
    // Code-unit order rather than localeCompare: the same folder loads the same way on every machine.
    const candidates = entries.filter((name) => cookieFileExtensions.has(path.extname(name).toLowerCase())).sort();
    const loaded: StoredCookie[] = [];
    for (const name of candidates) {
      const filePath = path.join(dir, name);
      // stat follows symlinks, so a cookies file linked in from elsewhere still counts.
      const info = await stat(filePath).catch((error: unknown) => {
        if (isMissing(error)) return undefined;
        throw error;
      });
      if (info === undefined || !info.isFile()) continue;
      loaded.push(...(await readCookieFile(filePath)));
    }
    for (const cookie of loaded) this.add(cookie);
    return loaded.length;
  }

  /**
   * The cookies a request to `target` (a host, or a URL) should carry, by name. Follows RFC 6265
   * §5.4: host and path must match, expired cookies stay home, `Secure` ones need https.
   */
  getCookies(target: string, now: number = Date.now()): Record<string, string> {
    const request = parseCookieRequestTarget(target);
    const chosen = new Map<string, StoredCookie>();
    for (const cookie of this.#cookies.values()) {
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) continue;
      if (cookie.secure && !request.secureAllowed) continue;
      if (!cookieMatchesHost(cookie, request.host)) continue;
      if (request.path !== undefined && !pathMatches(request.path, cookie.path)) continue;
      const current = chosen.get(cookie.name);
      // A header carries one value per name, so the most specific path wins as in a browser's
      // ordering; iteration runs oldest to newest, so `>=` gives a tie to the later cookie.
      if (current === undefined || cookie.path.length >= current.path.length) chosen.set(cookie.name, cookie);
    }
    // fromEntries defines properties, so a cookie named `__proto__` stays a plain entry.
    return Object.fromEntries([...chosen].map(([name, cookie]) => [name, cookie.value]));
  }
}
