import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { parseNetscapeCookieFile } from './netscape-cookie-file.js';
import { in2020, in2100, netscapeSample, secretValue } from './test-support/cookie-file-samples.js';

function parseError(text: string): ConfigurationError {
  try {
    parseNetscapeCookieFile(text, '/cookies/cookies.txt');
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the parser to throw');
}

describe('parseNetscapeCookieFile', () => {
  it('reads cookies, including #HttpOnly_ lines and empty values, and skips comments', () => {
    expect(parseNetscapeCookieFile(netscapeSample, 'cookies.txt')).toEqual([
      {
        name: '__Secure-next-auth.session-token',
        value: 'eyJhbGciOiJkaXIifQ..abc',
        domain: 'example.com',
        hostOnly: false,
        path: '/',
        secure: true,
        expiresAt: in2100 * 1000,
      },
      {
        name: 'session_id',
        value: secretValue,
        domain: 'chat.example.org',
        hostOnly: true,
        path: '/',
        secure: true,
        expiresAt: undefined,
      },
      {
        name: 'empty_trailing_tab',
        value: '',
        domain: 'www.example.net',
        hostOnly: true,
        path: '/api',
        secure: false,
        expiresAt: in2100 * 1000,
      },
      {
        name: 'empty_no_tab',
        value: '',
        domain: 'www.example.net',
        hostOnly: true,
        path: '/api',
        secure: false,
        expiresAt: in2100 * 1000,
      },
      {
        name: 'old',
        value: 'gone',
        domain: 'example.com',
        hostOnly: false,
        path: '/',
        secure: false,
        expiresAt: in2020 * 1000,
      },
    ]);
  });

  it('reads CRLF files and a byte order mark the same way', () => {
    const windows = `\uFEFF${netscapeSample.replaceAll('\n', '\r\n')}`;
    expect(parseNetscapeCookieFile(windows, 'cookies.txt')).toEqual(parseNetscapeCookieFile(netscapeSample, 'x'));
  });

  it('reads an empty file as no cookies', () => {
    expect(parseNetscapeCookieFile('# Netscape HTTP Cookie File\n\n', 'cookies.txt')).toEqual([]);
  });

  it('names the line and the expected field count', () => {
    const error = parseError(`# header\n\nexample.com\tFALSE\t/\tFALSE\t${secretValue}\n`);
    expect(error.source).toBe('/cookies/cookies.txt');
    expect(error.message).toContain('/cookies/cookies.txt');
    expect(error.message).toContain('line 3, column 1: expected 7 tab-separated fields');
    expect(error.message).toContain('found 5');
    expect(error.message).not.toContain(secretValue);
  });

  it('hints at spaces where tabs belong', () => {
    const error = parseError(`example.com FALSE / FALSE 0 sid ${secretValue}`);
    expect(error.message).toContain('line 1, column 1:');
    expect(error.message).toContain('separated by spaces');
    expect(error.message).not.toContain(secretValue);
  });

  it('names each bad field at its line and column without quoting the value', () => {
    const error = parseError(`\tyes\tapi\tmaybe\tsoon\tbad name\t${secretValue};x`);
    for (const expected of [
      'line 1, column 1: field 1 (domain)',
      'line 1, column 2: field 2 (include subdomains): expected TRUE or FALSE',
      "line 1, column 6: field 3 (path): expected a path starting with '/'",
      'line 1, column 10: field 4 (secure): expected TRUE or FALSE',
      'line 1, column 16: field 5 (expiry)',
      'line 1, column 21: field 6 (name)',
      'line 1, column 30: field 7 (value)',
    ]) {
      expect(error.message).toContain(expected);
    }
    expect(error.message).not.toContain(secretValue);
  });

  it('counts columns on an #HttpOnly_ line from the start of the line', () => {
    const error = parseError(`#HttpOnly_example.com\tFALSE\t/\tFALSE\tlater\tsid\t${secretValue}`);
    // '#HttpOnly_example.com', 'FALSE', '/' and 'FALSE' with their tabs take 36 characters.
    expect(error.message).toContain('line 1, column 37: field 5 (expiry)');
    expect(error.message).not.toContain(secretValue);
  });

  it('refuses a domain cookie for a public suffix, at its line and column', () => {
    const error = parseError(`.co.uk\tTRUE\t/\tFALSE\t0\tsid\t${secretValue}\n.com\tTRUE\t/\tFALSE\t0\tsid\tx`);
    expect(error.message).toContain(
      "line 1, column 1: field 1 (domain): expected a site's own domain, not the public suffix co.uk",
    );
    expect(error.message).toContain('line 2, column 1: field 1 (domain)');
    expect(error.message).toContain('public suffix com ');
    expect(error.message).not.toContain(secretValue);
    // Host-only, the same domain can only ever reach that exact host: nothing to refuse.
    expect(parseNetscapeCookieFile('co.uk\tFALSE\t/\tFALSE\t0\tsid\tx', 'cookies.txt')).toHaveLength(1);
  });

  it('stores international domains in punycode', () => {
    const [cookie] = parseNetscapeCookieFile('.Bücher.example\tTRUE\t/\tFALSE\t0\tsid\tx', 'cookies.txt');
    expect(cookie?.domain).toBe('xn--bcher-kva.example');
  });

  it('caps a flood of problems from a file that is not a cookie file', () => {
    const error = parseError(Array.from({ length: 50 }, (_, index) => `garbage${index}`).join('\n'));
    expect(error.message).toContain('line 10,');
    expect(error.message).not.toContain('line 11,');
    expect(error.message).toContain('and 40 more problems');
  });
});
