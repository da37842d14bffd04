import { malformedCookieFile } from './malformed-cookie-file.js';

/** The character before a UTF-8 byte order mark some Windows editors write; JSON.parse rejects it. */
const byteOrderMark = /^\uFEFF/;

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: position - lineStart + 1 };
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
  const { line, column } = lineAndColumn(text, Number(position));
  return `line ${line}, column ${column}: ${described}`;
}

/**
 * Parses a JSON cookie file. The SyntaxError is deliberately not attached as the cause: its
 * message can quote the file, and a logged cause chain would leak what we kept out of ours.
 */
export function parseJsonDocument(text: string, source: string): unknown {
  const withoutMark = text.replace(byteOrderMark, '');
  try {
    return JSON.parse(withoutMark);
  } catch (error) {
    throw malformedCookieFile(source, [describeSyntaxError(withoutMark, error)]);
  }
}
