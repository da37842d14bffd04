import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { parseJsonCookieExport } from './json-cookie-export.js';
import { in2020, in2100, jsonExportSample, secretValue } from './test-support/cookie-file-samples.js';

function parseError(text: string): ConfigurationError {
  try {
    parseJsonCookieExport(text, '/cookies/export.json');
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the parser to throw');
}

describe('parseJsonCookieExport', () => {
  it('reads Cookie-Editor and EditThisCookie exports', () => {
    expect(parseJsonCookieExport(jsonExportSample, 'export.json')).toEqual([
      {
        name: '__cf_bm',
        value: 'cf-bm-value',
        domain: 'example.com',
        hostOnly: false,
        path: '/',
        secure: true,
        expiresAt: in2100 * 1000 + 123,
      },
      {
        name: 'csrf',
        value: secretValue,
        domain: 'chat.example.com',
        hostOnly: true,
        path: '/',
        secure: false,
        expiresAt: undefined,
      },
      {
        name: 'pref',
        value: 'dark',
        domain: 'example.org',
        hostOnly: false,
        path: '/',
        secure: false,
        expiresAt: in2100 * 1000,
      },
      {
        name: 'api_pref',
        value: 'x',
        domain: 'api.example.org',
        hostOnly: true,
        path: '/v1',
        secure: false,
        expiresAt: in2020 * 1000,
      },
    ]);
  });

  it('lets an explicit hostOnly win over the leading dot', () => {
    const [cookie] = parseJsonCookieExport(
      JSON.stringify([{ domain: '.example.com', hostOnly: true, name: 'a', value: 'b' }]),
      'export.json',
    );
    expect(cookie).toMatchObject({ domain: 'example.com', hostOnly: true });
  });

  it('treats session: true as a session cookie even with an expiry', () => {
    const [cookie] = parseJsonCookieExport(
      JSON.stringify([{ domain: 'example.com', name: 'a', value: 'b', session: true, expirationDate: in2100 }]),
      'export.json',
    );
    expect(cookie?.expiresAt).toBeUndefined();
  });

  it('names the JSON path and the expected type', () => {
    const text = JSON.stringify([
      { domain: 'example.com', name: 'ok', value: secretValue },
      { domain: 'example.com', name: 'ok2', value: secretValue },
      { name: 'missing-domain', value: secretValue, secure: 'yes' },
    ]);
    const error = parseError(text);
    expect(error.source).toBe('/cookies/export.json');
    expect(error.message).toContain('/cookies/export.json');
    expect(error.message).toMatch(/\[2\]\.domain: expected string/);
    expect(error.message).toMatch(/\[2\]\.secure: expected boolean/);
    expect(error.message).not.toContain(secretValue);
  });

  it('gives the line and column of a shape problem in a pretty-printed export', () => {
    const text = JSON.stringify(
      [
        { domain: 'example.com', name: 'ok', value: secretValue },
        { name: 'missing-domain', value: secretValue, secure: 'yes' },
      ],
      null,
      2,
    );
    const error = parseError(text);
    // A missing field is placed where its object starts; a wrong one where its value is.
    expect(error.message).toContain('line 7, column 3: [1].domain: expected string');
    expect(error.message).toContain('line 10, column 15: [1].secure: expected boolean');
    expect(error.message).not.toContain(secretValue);
  });

  it('refuses a domain cookie for a public suffix at its line and column, and takes a host-only one', () => {
    const text = `[\n  {"domain": ".co.uk", "name": "sid", "value": "${secretValue}"}\n]`;
    const error = parseError(text);
    expect(error.message).toContain("line 2, column 14: [0].domain: expected a site's own domain");
    expect(error.message).not.toContain(secretValue);
    expect(parseJsonCookieExport('[{"domain": "co.uk", "name": "a", "value": "b"}]', 'x.json')).toHaveLength(1);
    expect(() =>
      parseJsonCookieExport('[{"domain": "co.uk", "hostOnly": false, "name": "a", "value": "b"}]', 'x.json'),
    ).toThrow(/public suffix co\.uk/);
  });

  it('names the root when the file is not an array', () => {
    expect(parseError('{"cookies": []}').message).toMatch(/\(root\): expected array/);
  });

  it('rejects unusable names, values, domains and paths by path', () => {
    const error = parseError(
      JSON.stringify([{ domain: '.', name: 'a b', value: `${secretValue};injected=1`, path: 'relative' }]),
    );
    for (const location of ['[0].domain:', '[0].name:', '[0].value:', '[0].path:']) {
      expect(error.message).toContain(location);
    }
    expect(error.message).not.toContain(secretValue);
  });

  it('gives line and column for a syntax error without quoting the file', () => {
    const error = parseError(`[\n  {"domain": "example.com", "name": "sid", "value": "${secretValue}" "path": "/"}\n]`);
    expect(error.message).toMatch(/line 2, column \d+: expected valid JSON/);
    expect(error.message).not.toContain(secretValue);
    expect(error.cause).toBeUndefined();
  });

  it('does not quote the file when V8 reports no position', () => {
    const error = parseError(`[{"domain": "example.com", "name": "sid", "value": ${secretValue}}]`);
    expect(error.message).toContain('expected valid JSON');
    expect(error.message).not.toContain(secretValue);
    expect(error.message).not.toContain('example.com');
  });
});
