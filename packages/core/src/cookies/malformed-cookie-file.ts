import { ConfigurationError } from '../errors/configuration-error.js';

// A file that is not a cookie file at all (a binary, a log) would otherwise produce one problem per
// line; the first few are enough to see what is wrong, and the message stays readable.
const maxReportedProblems = 10;

/**
 * The error every cookie parser throws. Callers pass problems that name a location and what was
 * expected, never the offending text itself, because that text may be a cookie value.
 */
export function malformedCookieFile(source: string, problems: readonly string[]): ConfigurationError {
  const reported = problems.slice(0, maxReportedProblems);
  const omitted = problems.length - reported.length;
  return new ConfigurationError({
    source,
    problems: omitted > 0 ? [...reported, `and ${omitted} more problem${omitted === 1 ? '' : 's'}`] : reported,
  });
}
