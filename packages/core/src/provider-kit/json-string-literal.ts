import { ownString } from './own-string.js';

/** Anything that makes a literal's characters differ from its text: a quote, an escape, a control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const needsParsing = /["\\\u0000-\u001f]/;

/**
 * The text of the JSON string literal `data[start, end)` (quotes included), or undefined when it
 * is not exactly one string literal. A literal with nothing to unescape, as nearly every token
 * is, is its own text between the quotes: a slice and one scan instead of `JSON.parse`, which on
 * a stream of tokens is the largest cost after the SSE parser's own.
 */
export function readJsonStringLiteral(data: string, start: number, end: number): string | undefined {
  if (end - start < 2 || data.charCodeAt(start) !== 34 || data.charCodeAt(end - 1) !== 34) return undefined;
  const inner = data.slice(start + 1, end - 1);
  // A copy, as JSON.parse would make: a view would keep the whole network read alive for as
  // long as the text is held (the delivered text, a caller's parts).
  if (!needsParsing.test(inner)) return ownString(inner);
  try {
    const value: unknown = JSON.parse(data.slice(start, end));
    return typeof value === 'string' ? value : undefined;
  } catch {
    // Not one string literal (two, say, with a key between them).
    return undefined;
  }
}
