import { z } from 'zod';
import type { StoredCookie } from './cookie.js';
import { findCookieDomainProblem, normalizeCookieDomain } from './cookie-domain.js';
import { findCookieNameProblem, findCookieValueProblem } from './cookie-syntax.js';
import { parseJsonDocument } from './json-document.js';
import { describeJsonProblem, describeSchemaIssues } from './json-path.js';
import { malformedCookieFile } from './malformed-cookie-file.js';

/*
 * EditThisCookie, Cookie-Editor and Chrome's own extension API all export this shape. Extensions
 * disagree on the optional fields (some write `null`, some omit them), so every optional field
 * accepts both. Unknown fields (httpOnly, sameSite, storeId, id) are dropped.
 */
const exportedCookieSchema = z.object({
  domain: z.string(),
  name: z.string(),
  value: z.string(),
  path: z.string().nullish(),
  secure: z.boolean().nullish(),
  hostOnly: z.boolean().nullish(),
  /** Seconds since the epoch; Chrome writes fractions of a second. */
  expirationDate: z.number().nullish(),
  session: z.boolean().nullish(),
});

const cookieExportSchema = z.array(exportedCookieSchema);

type ExportedCookie = z.infer<typeof exportedCookieSchema>;

function toStoredCookie(
  text: string,
  entry: ExportedCookie,
  index: number,
  problems: string[],
): StoredCookie | undefined {
  const { domain, leadingDot } = normalizeCookieDomain(entry.domain);
  // The explicit flag is what the browser recorded; the dot is only how some exporters encode it.
  const hostOnly = entry.hostOnly ?? !leadingDot;
  const path = entry.path === undefined || entry.path === null || entry.path === '' ? '/' : entry.path;
  const found = [
    ['domain', findCookieDomainProblem(domain, hostOnly)],
    ['path', path.startsWith('/') ? undefined : "expected a path starting with '/'"],
    ['name', findCookieNameProblem(entry.name)],
    ['value', findCookieValueProblem(entry.value)],
  ] as const;
  let valid = true;
  for (const [field, problem] of found) {
    if (problem === undefined) continue;
    problems.push(describeJsonProblem(text, [index, field], problem));
    valid = false;
  }
  if (!valid) return undefined;
  const expiresInSeconds = entry.session === true ? undefined : (entry.expirationDate ?? undefined);
  return {
    name: entry.name,
    value: entry.value,
    domain,
    hostOnly,
    path,
    secure: entry.secure ?? false,
    expiresAt: expiresInSeconds === undefined ? undefined : Math.round(expiresInSeconds * 1000),
  };
}

/** Reads a browser-extension JSON export: an array of cookie objects. */
export function parseJsonCookieExport(raw: string, source: string): StoredCookie[] {
  const { value, text } = parseJsonDocument(raw, source);
  const parsed = cookieExportSchema.safeParse(value);
  if (!parsed.success) throw malformedCookieFile(source, describeSchemaIssues(text, parsed.error.issues));
  const problems: string[] = [];
  const cookies: StoredCookie[] = [];
  parsed.data.forEach((entry, index) => {
    const cookie = toStoredCookie(text, entry, index, problems);
    if (cookie !== undefined) cookies.push(cookie);
  });
  if (problems.length > 0) throw malformedCookieFile(source, problems);
  return cookies;
}
