import type { StoredCookie } from './cookie.js';
import { findCookieDomainProblem, normalizeCookieDomain } from './cookie-domain.js';
import { findCookieNameProblem, findCookieValueProblem } from './cookie-syntax.js';
import { malformedCookieFile } from './malformed-cookie-file.js';

/**
 * curl and the "cookies.txt" extensions write HttpOnly cookies with this prefix so that older
 * readers skip them as comments. They are real cookies, and often the session ones.
 */
const httpOnlyPrefix = '#HttpOnly_';

const fieldNames = 'domain, include subdomains, path, secure, expiry, name, value';

function parseFlag(field: string): boolean | undefined {
  const upper = field.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  return undefined;
}

function describeFieldCountProblem(line: string, count: number): string {
  const problem = `expected 7 tab-separated fields (${fieldNames}), found ${count}`;
  // Copying a cookies.txt through an editor or a chat window often turns its tabs into spaces.
  return count === 1 && line.includes(' ') ? `${problem}; the fields look separated by spaces, not tabs` : problem;
}

/** The column each field starts at, counted from 1 on the whole line. */
function fieldColumns(fields: readonly string[], firstColumn: number): number[] {
  const columns: number[] = [];
  let column = firstColumn;
  for (const field of fields) {
    columns.push(column);
    column += field.length + 1;
  }
  return columns;
}

/**
 * Parses one cookie line, or returns what is wrong with it, each problem at the column its field
 * starts. Never quotes the line: it holds the value.
 */
function parseCookieLine(line: string, firstColumn: number): StoredCookie | string[] {
  const fields = line.split('\t');
  // An empty value leaves either an empty seventh field or, when the trailing tab was trimmed, none.
  if (fields.length === 6) fields.push('');
  if (fields.length !== 7) return [`column ${firstColumn}: ${describeFieldCountProblem(line, fields.length)}`];
  const [
    rawDomain = '',
    includeSubdomainsField = '',
    path = '',
    secureField = '',
    expiresField = '',
    name = '',
    value = '',
  ] = fields;
  const columns = fieldColumns(fields, firstColumn);
  const problems: string[] = [];
  const report = (field: number, label: string, problem: string) =>
    problems.push(`column ${columns[field - 1] ?? firstColumn}: field ${field} (${label}): ${problem}`);

  const { domain } = normalizeCookieDomain(rawDomain);
  const includeSubdomains = parseFlag(includeSubdomainsField);
  const secure = parseFlag(secureField);
  // The flag, not the leading dot, is authoritative: curl writes both, other tools only the flag.
  const domainProblem = findCookieDomainProblem(domain, includeSubdomains !== true);
  if (domainProblem !== undefined) report(1, 'domain', domainProblem);
  if (includeSubdomains === undefined) report(2, 'include subdomains', 'expected TRUE or FALSE');
  if (!path.startsWith('/')) report(3, 'path', "expected a path starting with '/'");
  if (secure === undefined) report(4, 'secure', 'expected TRUE or FALSE');
  if (!/^\d+(?:\.\d+)?$/.test(expiresField)) {
    report(5, 'expiry', 'expected seconds since the epoch, or 0 for a session cookie');
  }
  const nameProblem = findCookieNameProblem(name);
  if (nameProblem !== undefined) report(6, 'name', nameProblem);
  const valueProblem = findCookieValueProblem(value);
  if (valueProblem !== undefined) report(7, 'value', valueProblem);
  if (problems.length > 0 || includeSubdomains === undefined || secure === undefined) return problems;

  const expiresInSeconds = Number(expiresField);
  return {
    name,
    value,
    domain,
    hostOnly: !includeSubdomains,
    path,
    secure,
    expiresAt: expiresInSeconds === 0 ? undefined : Math.round(expiresInSeconds * 1000),
  };
}

/** Reads a Netscape `cookies.txt` file, as written by curl, wget, yt-dlp and browser extensions. */
export function parseNetscapeCookieFile(text: string, source: string): StoredCookie[] {
  const cookies: StoredCookie[] = [];
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    if (rawLine.trim() === '') return;
    let line = rawLine;
    if (line.startsWith(httpOnlyPrefix)) line = line.slice(httpOnlyPrefix.length);
    else if (line.startsWith('#')) return;
    const parsed = parseCookieLine(line, rawLine.length - line.length + 1);
    if (Array.isArray(parsed)) problems.push(...parsed.map((problem) => `line ${index + 1}, ${problem}`));
    else cookies.push(parsed);
  });
  if (problems.length > 0) throw malformedCookieFile(source, problems);
  return cookies;
}
