import { malformedCookieFile } from './malformed-cookie-file.js';
import { formatTextPosition } from './text-position.js';

/** The character before a UTF-8 byte order mark some Windows editors write; JSON.parse rejects it. */
const byteOrderMark = /^\uFEFF/;

/** A parsed JSON cookie file, with the text its positions refer to. */
export interface JsonDocument {
  readonly value: unknown;
  /** The file without its byte order mark, as parsed: what problem positions are counted in. */
  readonly text: string;
}

/**
 * Keeps only the reason from a JSON.parse message. V8 quotes a slice of the input in some of its
 * messages, and in a cookie file that slice can be a cookie value.
 */
function describeSyntaxError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const reason = message
    .replace(/,? ".*" is not valid JSON$/s, '')
    .replace(/ (?:in JSON )?at position \d+.*$/s, '')
    .trim();
  const described = reason === '' ? 'expected valid JSON' : `expected valid JSON (${reason})`;
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return described;
  return `${formatTextPosition(text, Number(position))}: ${described}`;
}

/**
 * Parses a JSON cookie file. The SyntaxError is deliberately not attached as the cause: its
 * message can quote the file, and a logged cause chain would leak what we kept out of ours.
 */
export function parseJsonDocument(raw: string, source: string): JsonDocument {
  const text = raw.replace(byteOrderMark, '');
  try {
    return { value: JSON.parse(text), text };
  } catch (error) {
    throw malformedCookieFile(source, [describeSyntaxError(text, error)]);
  }
}
