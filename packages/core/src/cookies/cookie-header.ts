import { InvalidRequestError, type InvalidRequestIssue } from '../errors/invalid-request-error.js';
import { describeCookieName, findCookieNameProblem, findCookieValueProblem } from './cookie-syntax.js';

/**
 * Builds a `Cookie` request header. Refuses names and values that would split the header or
 * inject another one, instead of escaping them: servers do not agree on any escaping.
 */
export function formatCookieHeader(cookies: Readonly<Record<string, string>>): string | undefined {
  const issues: InvalidRequestIssue[] = [];
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(cookies)) {
    const problem = findCookieNameProblem(name) ?? findCookieValueProblem(value);
    if (problem === undefined) pairs.push(`${name}=${value}`);
    else issues.push({ path: `cookies.${describeCookieName(name)}`, message: problem });
  }
  if (issues.length > 0) throw new InvalidRequestError({ issues });
  return pairs.length === 0 ? undefined : pairs.join('; ');
}
