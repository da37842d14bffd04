import { canonicalDomain } from 'tough-cookie';
import { z } from 'zod';
import type { StoredCookie } from './cookie.js';
import { findCookieDomainProblem, normalizeCookieDomain } from './cookie-domain.js';
import { findCookieNameProblem, findCookieValueProblem } from './cookie-syntax.js';
import { parseJsonDocument } from './json-document.js';
import { describeJsonProblem, describeSchemaIssues } from './json-path.js';
import { malformedCookieFile } from './malformed-cookie-file.js';

/*
 * Only the parts of HAR 1.2 that carry request cookies. The spec makes `cookies` and `headers`
 * mandatory, but hand-trimmed HARs drop them, and a missing list simply holds no cookies.
 */
const harCookieSchema = z.object({
  name: z.string(),
  value: z.string(),
  path: z.string().nullish(),
  domain: z.string().nullish(),
  /** ISO 8601, per the HAR spec. Browsers write `null` for request cookies. */
  expires: z.string().nullish(),
  secure: z.boolean().nullish(),
});

const harHeaderSchema = z.object({ name: z.string(), value: z.string() });

const harSchema = z.object({
  log: z.object({
    entries: z.array(
      z.object({
        request: z.object({
          url: z.string(),
          cookies: z.array(harCookieSchema).nullish(),
          headers: z.array(harHeaderSchema).nullish(),
        }),
      }),
    ),
  }),
});

type HarRequest = z.infer<typeof harSchema>['log']['entries'][number]['request'];

type CookieField = 'domain' | 'path' | 'name' | 'value' | 'expires';

/** A cookie as the request carried it, before the request URL fills in what the HAR left out. */
interface RequestCookie {
  readonly name: string;
  readonly value: string;
  readonly domain: string | undefined;
  readonly path: string | undefined;
  readonly expires: string | undefined;
  readonly secure: boolean;
  /** A problem with one field of this cookie, placed where that field sits in the file. */
  readonly describe: (field: CookieField, problem: string) => string;
}

/**
 * The `Cookie` header only carries names and values. Browsers that record HTTP/2 traffic may
 * split it across several `cookie` headers, so every one of them counts.
 */
function cookiesFromHeaders(
  text: string,
  request: HarRequest,
  requestLocation: readonly PropertyKey[],
  problems: string[],
): RequestCookie[] {
  const cookies: RequestCookie[] = [];
  (request.headers ?? []).forEach((header, headerIndex) => {
    if (header.name.toLowerCase() !== 'cookie') return;
    const headerValue = [...requestLocation, 'headers', headerIndex, 'value'];
    header.value.split(';').forEach((pair, pairIndex) => {
      if (pair.trim() === '') return;
      const describe = (_field: CookieField, problem: string) =>
        describeJsonProblem(text, headerValue, problem, `cookie ${pairIndex + 1}`);
      const separator = pair.indexOf('=');
      if (separator === -1) {
        problems.push(describe('name', "expected name=value pairs separated by ';'"));
        return;
      }
      cookies.push({
        name: pair.slice(0, separator).trim(),
        value: pair.slice(separator + 1).trim(),
        domain: undefined,
        path: undefined,
        expires: undefined,
        secure: false,
        describe,
      });
    });
  });
  return cookies;
}

function requestCookies(
  text: string,
  request: HarRequest,
  requestLocation: readonly PropertyKey[],
  problems: string[],
): RequestCookie[] {
  const listed = request.cookies ?? [];
  if (listed.length === 0) return cookiesFromHeaders(text, request, requestLocation, problems);
  return listed.map(
    (cookie, index): RequestCookie => ({
      name: cookie.name,
      value: cookie.value,
      // An empty domain says as little as a missing one: the request URL decides.
      domain: cookie.domain?.trim() ? cookie.domain : undefined,
      path: cookie.path ?? undefined,
      expires: cookie.expires ?? undefined,
      secure: cookie.secure ?? false,
      describe: (field, problem) => describeJsonProblem(text, [...requestLocation, 'cookies', index, field], problem),
    }),
  );
}

function hostOfUrl(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const host = canonicalDomain(new URL(url).hostname) ?? '';
  return host === '' ? undefined : host;
}

/** The cookie's domain, or `undefined` when it names none and the request URL has no host either. */
function cookieDomain(
  cookie: RequestCookie,
  requestHost: string | undefined,
  problems: string[],
): { domain: string; hostOnly: boolean } | undefined {
  if (cookie.domain !== undefined) {
    const { domain, leadingDot } = normalizeCookieDomain(cookie.domain);
    const problem = findCookieDomainProblem(domain, !leadingDot);
    if (problem !== undefined) problems.push(cookie.describe('domain', problem));
    return { domain, hostOnly: !leadingDot };
  }
  // The browser sent the cookie to this host; whether it would also go to subdomains is unknown,
  // and host-only is the choice that never sends it anywhere it was not sent.
  return requestHost === undefined ? undefined : { domain: requestHost, hostOnly: true };
}

function toStoredCookie(
  cookie: RequestCookie,
  requestHost: string | undefined,
  problems: string[],
): StoredCookie | undefined {
  const before = problems.length;
  const domain = cookieDomain(cookie, requestHost, problems);
  const path = cookie.path === undefined || cookie.path === '' ? '/' : cookie.path;
  if (!path.startsWith('/')) problems.push(cookie.describe('path', "expected a path starting with '/'"));
  const nameProblem = findCookieNameProblem(cookie.name);
  if (nameProblem !== undefined) problems.push(cookie.describe('name', nameProblem));
  const valueProblem = findCookieValueProblem(cookie.value);
  if (valueProblem !== undefined) problems.push(cookie.describe('value', valueProblem));
  const expiresAt = cookie.expires === undefined ? undefined : Date.parse(cookie.expires);
  if (expiresAt !== undefined && Number.isNaN(expiresAt)) {
    problems.push(cookie.describe('expires', 'expected an ISO 8601 date such as 2030-01-01T00:00:00Z'));
  }
  if (domain === undefined || problems.length > before) return undefined;
  return { ...domain, name: cookie.name, value: cookie.value, path, secure: cookie.secure, expiresAt };
}

/**
 * Reads the cookies a browser sent, from a HAR recording (DevTools → Network → "Save all as HAR").
 * Requests are replayed in order, so a cookie refreshed during the recording ends up with its
 * latest value.
 */
export function parseHarCookies(raw: string, source: string): StoredCookie[] {
  const { value, text } = parseJsonDocument(raw, source);
  const parsed = harSchema.safeParse(value);
  if (!parsed.success) throw malformedCookieFile(source, describeSchemaIssues(text, parsed.error.issues));
  const problems: string[] = [];
  const latest = new Map<string, StoredCookie>();
  parsed.data.log.entries.forEach((entry, entryIndex) => {
    const requestLocation = ['log', 'entries', entryIndex, 'request'];
    const cookies = requestCookies(text, entry.request, requestLocation, problems);
    const requestHost = hostOfUrl(entry.request.url);
    if (requestHost === undefined && cookies.some((cookie) => cookie.domain === undefined)) {
      problems.push(
        describeJsonProblem(
          text,
          [...requestLocation, 'url'],
          'expected an absolute URL with a host, to know where its cookies belong',
        ),
      );
    }
    for (const requestCookie of cookies) {
      const cookie = toStoredCookie(requestCookie, requestHost, problems);
      if (cookie === undefined) continue;
      const key = JSON.stringify([cookie.name, cookie.domain, cookie.path]);
      // Delete first so the map's order reflects when each cookie was last seen.
      latest.delete(key);
      latest.set(key, cookie);
    }
  });
  if (problems.length > 0) throw malformedCookieFile(source, problems);
  return [...latest.values()];
}
