import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { parseHarCookies } from './har-cookies.js';
import { harSample, secretValue } from './test-support/cookie-file-samples.js';

function parseError(har: unknown): ConfigurationError {
  try {
    parseHarCookies(typeof har === 'string' ? har : JSON.stringify(har), '/cookies/session.har');
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the parser to throw');
}

function harWith(requests: readonly unknown[]): unknown {
  return { log: { entries: requests.map((request) => ({ request })) } };
}

describe('parseHarCookies', () => {
  it('reads request cookies and Cookie headers; later requests win', () => {
    const cookies = parseHarCookies(harSample, 'session.har');
    expect(cookies).toEqual([
      {
        name: 'cf_clearance',
        value: 'clear',
        domain: 'example.com',
        hostOnly: false,
        path: '/',
        secure: false,
        expiresAt: Date.UTC(2100, 0, 1),
      },
      {
        name: 'oai-did',
        value: '1234',
        domain: 'api.example.org',
        hostOnly: true,
        path: '/',
        secure: false,
        expiresAt: undefined,
      },
      {
        name: 'auth',
        value: secretValue,
        domain: 'api.example.org',
        hostOnly: true,
        path: '/',
        secure: false,
        expiresAt: undefined,
      },
      {
        name: 'split',
        value: 'by-http2',
        domain: 'api.example.org',
        hostOnly: true,
        path: '/',
        secure: false,
        expiresAt: undefined,
      },
      {
        name: '__Secure-session',
        value: 'refreshed',
        domain: 'chat.example.com',
        hostOnly: true,
        path: '/',
        secure: true,
        expiresAt: undefined,
      },
    ]);
  });

  it('ignores the Cookie header when the cookies array is filled', () => {
    const names = parseHarCookies(harSample, 'session.har').map((cookie) => cookie.name);
    expect(names).not.toContain('this-header-is-ignored');
  });

  it('reads an empty recording as no cookies', () => {
    expect(parseHarCookies(JSON.stringify(harWith([])), 'empty.har')).toEqual([]);
  });

  it('names the JSON path of a shape problem', () => {
    const error = parseError(harWith([{ url: 'https://example.com/', cookies: [{ name: 'sid', value: 42 }] }]));
    expect(error.source).toBe('/cookies/session.har');
    expect(error.message).toContain('/cookies/session.har');
    expect(error.message).toMatch(/log\.entries\[0\]\.request\.cookies\[0\]\.value: expected string/);
  });

  it('names a missing log.entries', () => {
    expect(parseError({ log: {} }).message).toMatch(/log\.entries: expected array/);
  });

  it('needs a usable URL when a cookie names no domain', () => {
    const error = parseError(harWith([{ url: 'not a url', cookies: [{ name: 'sid', value: secretValue }] }]));
    expect(error.message).toContain('log.entries[0].request.url: expected an absolute URL with a host');
    expect(error.message).not.toContain(secretValue);
  });

  it('locates a bad pair inside a Cookie header without quoting it', () => {
    const error = parseError(
      harWith([
        { url: 'https://example.com/', headers: [{ name: 'Cookie', value: `a=1; ${secretValue}` }], cookies: [] },
      ]),
    );
    expect(error.message).toContain('log.entries[0].request.headers[0].value (cookie 2)');
    expect(error.message).not.toContain(secretValue);
  });

  it('rejects an unparseable expiry and an unusable value by path', () => {
    const error = parseError(
      harWith([
        { url: 'https://example.com/', cookies: [{ name: 'sid', value: `${secretValue}\n`, expires: 'soon' }] },
      ]),
    );
    expect(error.message).toContain('log.entries[0].request.cookies[0].value:');
    expect(error.message).toContain('log.entries[0].request.cookies[0].expires: expected an ISO 8601 date');
    expect(error.message).not.toContain(secretValue);
  });

  it('gives the line and column of each problem in a recording as DevTools saves it', () => {
    const har = JSON.stringify(
      {
        log: {
          entries: [
            {
              request: {
                url: 'https://example.com/',
                cookies: [{ name: 'sid', value: secretValue, domain: '.com', expires: 'soon' }],
              },
            },
          ],
        },
      },
      null,
      2,
    );
    const error = parseError(har);
    // `"domain": ".com"` and `"expires": "soon"` on lines 11 and 12, their values at columns 25 and 26.
    expect(error.message).toContain(
      "line 11, column 25: log.entries[0].request.cookies[0].domain: expected a site's own domain",
    );
    expect(error.message).toContain('line 12, column 26: log.entries[0].request.cookies[0].expires:');
    expect(error.message).not.toContain(secretValue);
  });

  it('reads the host of an international request URL in punycode', () => {
    const har = harWith([{ url: 'https://Bücher.example/', cookies: [{ name: 'a', value: 'b' }] }]);
    const [cookie] = parseHarCookies(JSON.stringify(har), 'x.har');
    expect(cookie).toMatchObject({ domain: 'xn--bcher-kva.example', hostOnly: true });
  });
});
