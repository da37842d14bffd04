import { describe, expect, it } from 'vitest';
import { locateJsonValue } from './json-value-location.js';

/** The text from the located offset on, which is what a reader of the position would find there. */
function at(text: string, path: readonly PropertyKey[]): string {
  return text.slice(locateJsonValue(text, path));
}

describe('locateJsonValue', () => {
  const text = `{
  "log": {
    "entries": [
      {"request": {"url": "a", "cookies": [{"name": "x"}, {"name": 7}]}},
      {"request": {"url": "b \\" ] } [", "headers": []}}
    ]
  }
}`;

  it('finds a value by object keys and array indexes', () => {
    expect(at(text, ['log', 'entries', 0, 'request', 'cookies', 1, 'name'])).toMatch(/^7}/);
    expect(at(text, ['log', 'entries', 1, 'request', 'headers'])).toMatch(/^\[\]/);
  });

  it('skips strings holding quotes and brackets', () => {
    expect(at(text, ['log', 'entries', 1, 'request', 'url'])).toMatch(/^"b \\" \] } \["/);
    expect(at(text, ['log', 'entries', 1, 'request', 'headers'])).toMatch(/^\[\]/);
  });

  it('stops at the deepest value that exists', () => {
    expect(at(text, ['log', 'entries', 1, 'request', 'cookies', 0])).toMatch(/^\{"url": "b/);
    expect(at(text, ['log', 'entries', 5])).toMatch(/^\[\n/);
    expect(at(text, ['log', 'entries', 0, 'request', 'url', 'deeper'])).toMatch(/^"a"/);
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    expect(at('{"a": 1, "a": 2}', ['a'])).toBe('2}');
  });

  it('handles escaped keys, scalars and whitespace', () => {
    expect(at('[ true , null,\n\t-1.5e3 ]', [2])).toBe('-1.5e3 ]');
    expect(at('{"\\u0061": "x"}', ['a'])).toBe('"x"}');
    expect(at('  {"a": []}', [])).toBe('{"a": []}');
  });
});
