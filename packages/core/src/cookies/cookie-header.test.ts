import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { formatCookieHeader } from './cookie-header.js';

function formatError(cookies: Record<string, string>): InvalidRequestError {
  try {
    formatCookieHeader(cookies);
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected formatCookieHeader to throw');
}

describe('formatCookieHeader', () => {
  it('joins pairs with "; "', () => {
    expect(formatCookieHeader({ a: '1', b: '2' })).toBe('a=1; b=2');
  });

  it('returns undefined when there are no cookies', () => {
    expect(formatCookieHeader({})).toBeUndefined();
  });

  it('allows empty values and values with = or spaces', () => {
    expect(formatCookieHeader({ empty: '', token: 'a=b c' })).toBe('empty=; token=a=b c');
  });

  it.each([[''], ['a=b'], ['a;b'], ['a,b'], ['a b'], ['a\tb'], ['a\r\nb'], ['a\u0000b']])(
    'rejects the name %j',
    (name) => {
      const error = formatError({ [name]: 'x' });
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]?.path.startsWith('cookies.')).toBe(true);
      expect(error.message).not.toMatch(/[\r\n]/);
    },
  );

  it.each([['se;cret'], ['se\rcret'], ['se\ncret'], ['se\u0001cret'], ['se\u007fcret']])(
    'rejects the value %j without quoting it',
    (value) => {
      const error = formatError({ sid: value });
      expect(error.issues).toEqual([{ path: 'cookies.sid', message: expect.any(String) }]);
      expect(error.message).not.toContain('cret');
    },
  );

  it('reports every bad cookie at once', () => {
    const error = formatError({ 'a b': '1', ok: '2', c: 'x;y' });
    expect(error.issues.map((issue) => issue.path)).toEqual(['cookies.a b', 'cookies.c']);
  });
});
