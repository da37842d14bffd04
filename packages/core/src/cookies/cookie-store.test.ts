import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { StoredCookie } from './cookie.js';
import { CookieStore } from './cookie-store.js';
import { harSample, jsonExportSample, netscapeSample, secretValue } from './test-support/cookie-file-samples.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-cookies-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const filePath = path.join(dir, name);
  await writeFile(filePath, text);
  return filePath;
}

async function loadError(load: Promise<unknown>): Promise<ConfigurationError> {
  try {
    await load;
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected loading to throw');
}

function cookie(overrides: Partial<StoredCookie>): StoredCookie {
  return {
    name: 'sid',
    value: 'v',
    domain: 'example.com',
    hostOnly: false,
    path: '/',
    secure: false,
    expiresAt: undefined,
    ...overrides,
  };
}

describe('CookieStore.loadFile', () => {
  it('loads a Netscape cookies.txt, #HttpOnly_ lines included', async () => {
    const store = new CookieStore();
    expect(await store.loadFile(await write('cookies.txt', netscapeSample))).toBe(5);
    expect(store.size).toBe(5);
    expect(store.getCookies('https://chat.example.org/')).toEqual({ session_id: secretValue });
    expect(store.getCookies('https://www.example.net/api/x')).toEqual({
      empty_trailing_tab: '',
      empty_no_tab: '',
    });
  });

  it('loads a CRLF cookies.txt', async () => {
    const store = new CookieStore();
    expect(await store.loadFile(await write('cookies.txt', netscapeSample.replaceAll('\n', '\r\n')))).toBe(5);
    expect(store.getCookies('https://chat.example.org/')).toEqual({ session_id: secretValue });
  });

  it('reads any other extension as Netscape', async () => {
    const store = new CookieStore();
    expect(await store.loadFile(await write('cookies', netscapeSample))).toBe(5);
  });

  it('loads a JSON export', async () => {
    const store = new CookieStore();
    expect(await store.loadFile(await write('export.json', jsonExportSample))).toBe(4);
    expect(store.getCookies('https://chat.example.com/')).toEqual({ __cf_bm: 'cf-bm-value', csrf: secretValue });
  });

  it('loads a .har and a HAR saved as .json', async () => {
    for (const name of ['session.har', 'session-renamed.json']) {
      const store = new CookieStore();
      expect(await store.loadFile(await write(name, harSample))).toBe(5);
      expect(store.getCookies('https://chat.example.com/backend-api/me')).toEqual({
        cf_clearance: 'clear',
        '__Secure-session': 'refreshed',
      });
      expect(store.getCookies('https://api.example.org:8443/v1/chat')).toEqual({
        'oai-did': '1234',
        auth: secretValue,
        split: 'by-http2',
      });
    }
  });

  it.each([
    [
      'cookies.txt',
      `# Netscape HTTP Cookie File\n\nexample.com\tFALSE\t/\tFALSE\t${secretValue}\n`,
      'line 3, column 1: expected 7 tab-separated fields',
    ],
    [
      'export.json',
      JSON.stringify([{ domain: 'example.com', name: 7, value: secretValue }]),
      // `{"domain":"example.com","name":7`: the 7 is the 33rd character.
      'line 1, column 33: [0].name: expected string',
    ],
    [
      'session.har',
      JSON.stringify({
        log: { entries: [{ request: { url: 'https://example.com/', cookies: [{ value: secretValue }] } }] },
      }),
      // The cookie object without a name starts at the 72nd character.
      'line 1, column 72: log.entries[0].request.cookies[0].name: expected string',
    ],
    ['broken.json', `[{"name": "sid", "value": "${secretValue}",]`, 'line 1, column'],
  ])('rejects a malformed %s, naming the file and the place, not the value', async (name, text, place) => {
    const filePath = await write(name, text);
    const error = await loadError(new CookieStore().loadFile(filePath));
    expect(error.source).toBe(filePath);
    expect(error.message).toContain(filePath);
    expect(error.message).toContain(place);
    expect(error.message).not.toContain(secretValue);
    expect(JSON.stringify(error)).not.toContain(secretValue);
  });
});

describe('CookieStore.getCookies', () => {
  it('sends domain cookies to the domain and its subdomains, host-only cookies to their host only', () => {
    const store = new CookieStore();
    store.add(cookie({ name: 'domainwide', domain: 'example.com', hostOnly: false }));
    store.add(cookie({ name: 'apexonly', domain: 'www.example.com', hostOnly: true }));
    expect(store.getCookies('www.example.com')).toEqual({ domainwide: 'v', apexonly: 'v' });
    expect(store.getCookies('chat.example.com')).toEqual({ domainwide: 'v' });
    expect(store.getCookies('a.www.example.com')).toEqual({ domainwide: 'v' });
  });

  it('sends nothing to another host, even one ending in the same letters', () => {
    const store = new CookieStore();
    store.add(cookie({ name: 'sid', value: secretValue }));
    expect(store.getCookies('other.com')).toEqual({});
    expect(store.getCookies('evil-example.com')).toEqual({});
    expect(store.getCookies('https://example.com.evil.net/')).toEqual({});
    expect(store.getCookies('')).toEqual({});
  });

  it('lists the domains it holds cookies for, so a caller can say where loaded cookies would go', () => {
    const store = new CookieStore();
    expect(store.domains()).toEqual([]);
    store.add(cookie({ name: 'a', domain: 'oa.example.org', hostOnly: true }));
    store.add(cookie({ name: 'b', domain: 'example.com', hostOnly: false }));
    store.add(cookie({ name: 'c', domain: 'oa.example.org', hostOnly: true }));
    expect(store.domains()).toEqual(['oa.example.org', 'example.com']);
  });

  it('refuses a domain cookie for a public suffix, so it never reaches the sites under it', () => {
    const store = new CookieStore();
    for (const suffix of ['com', 'co.uk', 'github.io']) {
      expect(() => store.add(cookie({ domain: suffix, hostOnly: false, value: secretValue }))).toThrow(
        expect.objectContaining({ name: 'InvalidRequestError', message: expect.stringContaining('public suffix') }),
      );
    }
    expect(() => store.addRecord('.co.uk', { sid: secretValue })).toThrow(/public suffix co\.uk/);
    for (const host of ['https://example.com/', 'https://example.co.uk/', 'https://someone.github.io/']) {
      expect(store.getCookies(host)).toEqual({});
    }
    expect(store.size).toBe(0);
  });

  it('sends a cookie for a registrable domain under a public suffix to that site only', () => {
    const store = new CookieStore();
    store.addRecord('.example.co.uk', { sid: 'v' });
    store.add(cookie({ name: 'pages', domain: 'me.github.io', hostOnly: false }));
    expect(store.getCookies('https://www.example.co.uk/')).toEqual({ sid: 'v' });
    expect(store.getCookies('https://other.co.uk/')).toEqual({});
    expect(store.getCookies('https://blog.me.github.io/')).toEqual({ pages: 'v' });
    expect(store.getCookies('https://you.github.io/')).toEqual({});
  });

  it('keeps a public-suffix domain cookie in a loaded file out of the store, naming its line and column', async () => {
    const store = new CookieStore();
    const filePath = await write('cookies.txt', `.co.uk\tTRUE\t/\tFALSE\t0\tsid\t${secretValue}\n`);
    const error = await loadError(store.loadFile(filePath));
    expect(error.message).toContain('line 1, column 1: field 1 (domain)');
    expect(error.message).not.toContain(secretValue);
    expect(store.getCookies('https://example.co.uk/')).toEqual({});
  });

  it('matches international domains against punycode host names, both ways', async () => {
    const store = new CookieStore();
    store.add(cookie({ name: 'unicode', domain: 'Bücher.example', hostOnly: false }));
    store.addRecord('.münchen.de', { record: 'v' });
    await store.loadFile(await write('cookies.txt', 'xn--caf-dma.example\tFALSE\t/\tFALSE\t0\tpunycode\tv\n'));
    expect(store.getCookies('https://shop.xn--bcher-kva.example/')).toEqual({ unicode: 'v' });
    expect(store.getCookies('https://shop.bücher.example/')).toEqual({ unicode: 'v' });
    expect(store.getCookies('www.xn--mnchen-3ya.de')).toEqual({ record: 'v' });
    expect(store.getCookies('https://café.example/')).toEqual({ punycode: 'v' });
    expect(store.getCookies('https://bucher.example/')).toEqual({});
  });

  it('is case-insensitive and ignores ports, in hosts and in URLs', () => {
    const store = new CookieStore();
    store.add(cookie({ domain: 'Example.COM', hostOnly: true }));
    expect(store.getCookies('EXAMPLE.com:8080')).toEqual({ sid: 'v' });
    expect(store.getCookies('https://Example.com:8443/x')).toEqual({ sid: 'v' });
  });

  it('matches IP addresses exactly, never by suffix', () => {
    const store = new CookieStore();
    store.add(cookie({ name: 'exact', domain: '10.0.0.1', hostOnly: false }));
    store.add(cookie({ name: 'v6', domain: '::1', hostOnly: true }));
    expect(() => store.add(cookie({ name: 'suffix', domain: '0.0.1', hostOnly: false }))).toThrow(
      expect.objectContaining({ name: 'InvalidRequestError' }),
    );
    expect(store.getCookies('http://10.0.0.1:3000/')).toEqual({ exact: 'v' });
    expect(store.getCookies('http://110.0.0.1/')).toEqual({});
    expect(store.getCookies('[::1]:3000')).toEqual({ v6: 'v' });
    expect(store.getCookies('::1')).toEqual({ v6: 'v' });
    expect(store.getCookies('http://[::1]:3000/')).toEqual({ v6: 'v' });
  });

  it('skips expired cookies', () => {
    const store = new CookieStore();
    const now = Date.now();
    store.add(cookie({ name: 'expired', expiresAt: now - 60_000 }));
    store.add(cookie({ name: 'fresh', expiresAt: now + 3_600_000 }));
    store.add(cookie({ name: 'session', expiresAt: undefined }));
    expect(store.getCookies('example.com')).toEqual({ fresh: 'v', session: 'v' });
  });

  it('keeps secure cookies off plain http, except to loopback hosts', () => {
    const store = new CookieStore();
    store.add(cookie({ name: 'secure', secure: true }));
    store.add(cookie({ name: 'plain' }));
    store.add(cookie({ name: 'local', domain: 'localhost', hostOnly: true, secure: true }));
    store.add(cookie({ name: 'loopback', domain: '127.0.0.1', hostOnly: true, secure: true }));
    expect(store.getCookies('http://example.com/')).toEqual({ plain: 'v' });
    expect(store.getCookies('ws://example.com/')).toEqual({ plain: 'v' });
    expect(store.getCookies('https://example.com/')).toEqual({ secure: 'v', plain: 'v' });
    expect(store.getCookies('wss://example.com/')).toEqual({ secure: 'v', plain: 'v' });
    expect(store.getCookies('example.com')).toEqual({ secure: 'v', plain: 'v' });
    expect(store.getCookies('http://localhost:3000/')).toEqual({ local: 'v' });
    expect(store.getCookies('http://127.0.0.1:3000/')).toEqual({ loopback: 'v' });
  });

  it('sends a __Secure- cookie that lost its Secure flag in the file, but only as the flag says', async () => {
    const store = new CookieStore();
    await store.loadFile(
      await write('cookies.txt', 'example.com\tFALSE\t/\tFALSE\t0\t__Secure-next-auth.session-token\tv\n'),
    );
    expect(store.getCookies('https://example.com/')).toEqual({ '__Secure-next-auth.session-token': 'v' });
  });

  it('matches paths on URLs and ignores them for bare hosts', () => {
    const store = new CookieStore();
    store.add(cookie({ name: 'root', path: '/' }));
    store.add(cookie({ name: 'api', path: '/api' }));
    expect(store.getCookies('https://example.com/api/chat')).toEqual({ root: 'v', api: 'v' });
    expect(store.getCookies('https://example.com/api')).toEqual({ root: 'v', api: 'v' });
    expect(store.getCookies('https://example.com/apiary')).toEqual({ root: 'v' });
    expect(store.getCookies('https://example.com')).toEqual({ root: 'v' });
    expect(store.getCookies('example.com')).toEqual({ root: 'v', api: 'v' });
  });

  it('prefers the longer path, then the later-added cookie, for the same name', () => {
    const store = new CookieStore();
    store.add(cookie({ value: 'specific', path: '/api' }));
    store.add(cookie({ value: 'general', path: '/' }));
    expect(store.getCookies('https://example.com/api/chat')).toEqual({ sid: 'specific' });
    store.add(cookie({ value: 'sub', domain: 'chat.example.com', path: '/api' }));
    expect(store.getCookies('https://chat.example.com/api/chat')).toEqual({ sid: 'sub' });
    store.add(cookie({ value: 'parent-again', path: '/api' }));
    expect(store.getCookies('https://chat.example.com/api/chat')).toEqual({ sid: 'sub' });
  });

  it("replaces a cookie with the same name, domain and path (RFC 6265's identity), host-only or not", () => {
    const store = new CookieStore();
    store.add(cookie({ value: 'old' }));
    store.add(cookie({ value: 'new' }));
    store.add(cookie({ value: 'other-path', path: '/x' }));
    expect(store.size).toBe(2);
    expect(store.getCookies('https://example.com/')).toEqual({ sid: 'new' });
    store.add(cookie({ value: 'host-only', hostOnly: true }));
    expect(store.size).toBe(2);
    expect(store.getCookies('https://example.com/')).toEqual({ sid: 'host-only' });
    expect(store.getCookies('https://www.example.com/')).toEqual({});
  });

  it('rejects a cookie whose path no request could match', () => {
    expect(() => new CookieStore().add(cookie({ path: 'api' }))).toThrow(
      expect.objectContaining({ name: 'InvalidRequestError', message: expect.stringContaining('path') }),
    );
  });

  it('keeps a cookie named __proto__ as a plain entry', () => {
    const store = new CookieStore();
    store.add(cookie({ name: '__proto__', value: 'x' }));
    const cookies = store.getCookies('example.com');
    expect(Object.keys(cookies)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(cookies)).toBe(Object.prototype);
  });

  it('rejects a target that is neither a host nor a URL, without quoting it', () => {
    expect(() => new CookieStore().getCookies(`https://exa mple.com/?token=${secretValue}`)).toThrow(
      expect.objectContaining({ name: 'InvalidRequestError', message: expect.not.stringContaining(secretValue) }),
    );
  });
});

describe('CookieStore.addRecord', () => {
  it('adds host-only cookies at / for that exact host', () => {
    const store = new CookieStore();
    store.addRecord('Chat.Example.com', { a: '1', b: '2' });
    expect(store.size).toBe(2);
    expect(store.getCookies('https://chat.example.com/any/path')).toEqual({ a: '1', b: '2' });
    expect(store.getCookies('http://chat.example.com/')).toEqual({ a: '1', b: '2' });
    expect(store.getCookies('www.chat.example.com')).toEqual({});
    expect(store.getCookies('example.com')).toEqual({});
  });

  it('makes domain cookies from a leading dot, as gpt4free users write it', () => {
    const store = new CookieStore();
    store.addRecord('.bing.com', { _U: 'u' });
    expect(store.getCookies('www.bing.com')).toEqual({ _U: 'u' });
  });

  it('overrides a loaded cookie of the same identity', () => {
    const store = new CookieStore();
    store.add(cookie({ domain: 'example.com', hostOnly: true, value: 'from-file' }));
    store.addRecord('example.com', { sid: 'explicit' });
    expect(store.size).toBe(1);
    expect(store.getCookies('example.com')).toEqual({ sid: 'explicit' });
  });

  it('rejects bad names and values up front, adding nothing', () => {
    const store = new CookieStore();
    let caught: unknown;
    try {
      store.addRecord('example.com', { ok: '1', 'bad name': '2', sid: `${secretValue}\r\nX-Evil: 1` });
    } catch (error) {
      caught = error;
    }
    expect(InvalidRequestError.isInstance(caught)).toBe(true);
    const error = caught as InvalidRequestError;
    expect(error.issues.map((issue) => issue.path)).toEqual(['cookies.bad name', 'cookies.sid']);
    expect(error.message).not.toContain(secretValue);
    expect(store.size).toBe(0);
  });
});
