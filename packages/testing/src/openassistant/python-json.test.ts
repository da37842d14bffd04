import { describe, expect, it } from 'vitest';
import { PythonBigInt, PythonFloat, pythonJsonDumps } from './python-json.js';

describe('pythonJsonDumps', () => {
  it('uses Python separators and key order', () => {
    expect(pythonJsonDumps({ event_type: 'token', text: 'Hello' })).toBe('{"event_type": "token", "text": "Hello"}');
    expect(pythonJsonDumps({ a: [1, 2, null], b: { c: true } })).toBe('{"a": [1, 2, null], "b": {"c": true}}');
  });

  it('escapes like ensure_ascii, with surrogate pairs for astral characters', () => {
    expect(pythonJsonDumps('héllo 👋 "q" \\ \n\t\u0001\u007f')).toBe(
      '"h\\u00e9llo \\ud83d\\udc4b \\"q\\" \\\\ \\n\\t\\u0001\\u007f"',
    );
    expect(JSON.parse(pythonJsonDumps('héllo 👋 世界'))).toBe('héllo 👋 世界');
  });

  it('writes floats with a fractional part and big integers exactly', () => {
    expect(pythonJsonDumps([new PythonFloat(1), new PythonFloat(0.35), new PythonFloat(1 / 0.9)])).toBe(
      '[1.0, 0.35, 1.1111111111111112]',
    );
    expect(pythonJsonDumps(new PythonBigInt(18446744073709551614n))).toBe('18446744073709551614');
    expect(
      pythonJsonDumps([
        new PythonFloat(1e16),
        new PythonFloat(1.5e-5),
        new PythonFloat(0.0001),
        new PythonFloat(2.5e20),
      ]),
    ).toBe('[1e+16, 1.5e-05, 0.0001, 2.5e+20]');
    // The website's JSON round trip rounds the seed, as the real one did.
    expect(JSON.stringify({ seed: new PythonBigInt(12345678901234567890n) })).toBe('{"seed":12345678901234567000}');
  });
});
