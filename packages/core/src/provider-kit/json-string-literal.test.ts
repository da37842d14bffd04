import { describe, expect, it } from 'vitest';
import { readJsonStringLiteral } from './json-string-literal.js';

/** The literal as the value of `text` in an event, read back from its place. */
function readBack(literal: string): string | undefined {
  const data = `{"text": ${literal}}`;
  return readJsonStringLiteral(data, '{"text": '.length, data.length - 1);
}

describe('readJsonStringLiteral', () => {
  it('reads every literal exactly as JSON.parse does', () => {
    for (const text of [
      ' w12',
      '',
      'a "quote"',
      'back\\slash',
      'line\nbreak',
      'tab\t',
      '東京 👋',
      '\u0001',
      '</script>',
    ]) {
      expect(readBack(JSON.stringify(text))).toBe(text);
    }
    // Escapes a server may write that JSON.stringify does not.
    expect(readBack('"caf\\u00e9 \\/ \\ud83d\\udc4b"')).toBe('café / 👋');
  });

  it('refuses what is not one string literal', () => {
    for (const notOne of [
      '"a", "b": "c"',
      '"a" "b"',
      '42',
      'null',
      '"unterminated',
      'unopened"',
      '"',
      `"raw\u0001control"`,
    ]) {
      expect(readBack(notOne), notOne).toBeUndefined();
    }
  });
});
