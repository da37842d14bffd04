/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date.
 * Returns milliseconds to wait, never negative; undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | readonly string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const header = firstValue(value);
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  // Delay-seconds; some servers send fractions, which Date.parse would take for a year.
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * How long a response asks the client to wait, in milliseconds: OpenAI's `retry-after-ms` first
 * (it is finer than whole seconds, and OpenAI's own clients read it first), then `Retry-After`.
 * An unreadable `retry-after-ms` falls back to `Retry-After`.
 */
export function retryAfterFromHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  now: number = Date.now(),
): number | undefined {
  const milliseconds = firstValue(headers['retry-after-ms'])?.trim();
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.round(Number(milliseconds));
  return parseRetryAfter(headers['retry-after'], now);
}

function firstValue(value: string | readonly string[] | undefined): string | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  return typeof header === 'string' ? header : undefined;
}
