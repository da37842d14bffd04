import { mkdir, mkdtemp, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { createConsoleLogger } from '../logging/console-logger.js';
import { CookieFolder } from './cookie-folder.js';
import { harSample, jsonExportSample, netscapeSample, secretValue } from './test-support/cookie-file-samples.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-cookie-folder-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const filePath = path.join(dir, name);
  await writeFile(filePath, text);
  return filePath;
}

function cookieLine(domain: string, name: string, value: string): string {
  return `${domain}\tFALSE\t/\tFALSE\t0\t${name}\t${value}\n`;
}

function folderWithLog() {
  const lines: string[] = [];
  const folder = new CookieFolder(dir, {
    logger: createConsoleLogger({ level: 'debug', write: (line) => lines.push(line) }),
    logFields: { provider: 'Test' },
  });
  const logged = (level: string, text: string) =>
    lines.filter((line) => line.includes(` ${level} `) && line.includes(text)).length;
  return { folder, lines, logged };
}

async function loadError(folder: CookieFolder): Promise<ConfigurationError> {
  try {
    await folder.load();
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected loading to throw');
}

describe('CookieFolder', () => {
  it('loads every .txt, .json and .har file in name order and skips the rest', async () => {
    await write('a-cookies.txt', netscapeSample);
    await write('b-export.JSON', jsonExportSample);
    await write('c-session.har', harSample);
    await write('notes.md', 'not a cookie file');
    await mkdir(path.join(dir, 'nested.json'));
    const store = await new CookieFolder(dir).load();
    expect(store.size).toBe(5 + 4 + 5);
    expect(store.getCookies('https://chat.example.com/')).toEqual({
      '__Secure-next-auth.session-token': 'eyJhbGciOiJkaXIifQ..abc',
      __cf_bm: 'cf-bm-value',
      csrf: secretValue,
      cf_clearance: 'clear',
      '__Secure-session': 'refreshed',
    });
  });

  it('follows a symlinked cookie file', async () => {
    const elsewhere = await write('elsewhere.data', netscapeSample);
    await symlink(elsewhere, path.join(dir, 'linked.txt'));
    expect((await new CookieFolder(dir).load()).size).toBe(5);
  });

  it('lets a later file replace a cookie from an earlier one', async () => {
    await write('1.txt', cookieLine('example.com', 'sid', 'old'));
    await write('2.txt', cookieLine('example.com', 'sid', 'new'));
    const store = await new CookieFolder(dir).load();
    expect(store.size).toBe(1);
    expect(store.getCookies('example.com')).toEqual({ sid: 'new' });
  });

  it('holds no cookies when the folder does not exist', async () => {
    expect((await new CookieFolder(path.join(dir, 'missing')).load()).size).toBe(0);
  });

  it('names the folder when it is a file', async () => {
    const file = await write('not-a-folder.txt', '');
    const error = await loadError(new CookieFolder(file));
    expect(error.source).toBe(file);
    expect(error.message).toContain('expected a folder of cookie files, found a file');
  });

  it('leaves one malformed file out with a warning naming file, line and column, and uses the others', async () => {
    const bad = await write('a-bad.txt', `example.com\tFALSE\t/\tmaybe\t0\tsid\t${secretValue}\n`);
    await write('b-good.json', JSON.stringify([{ domain: 'example.com', name: 'good', value: 'yes' }]));
    const { folder, lines, logged } = folderWithLog();

    const store = await folder.load();
    expect(store.getCookies('example.com')).toEqual({ good: 'yes' });
    expect(logged('WARN', `${bad}: line 1, column 21: field 4 (secure): expected TRUE or FALSE`)).toBe(1);
    expect(lines.join('\n')).toContain('"provider":"Test"');
    expect(lines.join('\n')).not.toContain(secretValue);

    await folder.load();
    expect(logged('WARN', bad)).toBe(1);
  });

  it('throws the first malformed file when no file in the folder can be used', async () => {
    const first = await write('a.json', `[{"domain": "example.com", "name": "sid", "value": "${secretValue}",]`);
    await write('b.txt', 'just some notes\n');
    const error = await loadError(new CookieFolder(dir));
    expect(error.source).toBe(first);
    expect(error.message).toMatch(/line 1, column \d+: expected valid JSON/);
    expect(error.message).not.toContain(secretValue);
  });

  it('reads a fixed file on the next load, and a file broken again too', async () => {
    const file = await write('cookies.txt', `example.com\tFALSE\t/\tFALSE\tsoon\tsid\t${secretValue}\n`);
    const folder = new CookieFolder(dir);
    expect((await loadError(folder)).source).toBe(file);
    // A failed load is not kept: the same mistake is reported until it is fixed.
    expect((await loadError(folder)).source).toBe(file);

    await write('cookies.txt', cookieLine('example.com', 'sid', 'fixed'));
    expect((await folder.load()).getCookies('example.com')).toEqual({ sid: 'fixed' });

    await write('cookies.txt', `example.com\tFALSE\t/\tFALSE\tsoon\tsid\t${secretValue}\n`);
    expect((await loadError(folder)).source).toBe(file);
  });

  it('reads only new and changed files again, and forgets deleted ones', async () => {
    await write('a.txt', cookieLine('example.com', 'a', '1'));
    await write('b.txt', cookieLine('example.com', 'b', '1'));
    const { folder, logged } = folderWithLog();
    expect((await folder.load()).getCookies('example.com')).toEqual({ a: '1', b: '1' });
    const unchanged = await folder.load();
    expect(await folder.load()).toBe(unchanged);
    expect(logged('DEBUG', 'a.txt')).toBe(1);
    expect(logged('DEBUG', 'b.txt')).toBe(1);

    await write('b.txt', cookieLine('example.com', 'b', '22'));
    await write('c.txt', cookieLine('example.com', 'c', '1'));
    expect((await folder.load()).getCookies('example.com')).toEqual({ a: '1', b: '22', c: '1' });
    expect(logged('DEBUG', 'a.txt')).toBe(1);
    expect(logged('DEBUG', 'b.txt')).toBe(2);
    expect(logged('DEBUG', 'c.txt')).toBe(1);

    await rm(path.join(dir, 'a.txt'));
    expect((await folder.load()).getCookies('example.com')).toEqual({ b: '22', c: '1' });
  });

  it('notices a rewrite that keeps the size and the inode', async () => {
    const file = await write('cookies.txt', cookieLine('example.com', 'sid', 'AAAA'));
    const folder = new CookieFolder(dir);
    expect((await folder.load()).getCookies('example.com')).toEqual({ sid: 'AAAA' });
    await write('cookies.txt', cookieLine('example.com', 'sid', 'BBBB'));
    // As a save a second later leaves it; two writes within one tick of the file clock look alike.
    const later = new Date((await stat(file)).mtimeMs + 1_000);
    await utimes(file, later, later);
    expect((await folder.load()).getCookies('example.com')).toEqual({ sid: 'BBBB' });
  });

  it('shares one read between concurrent loads', async () => {
    await write('cookies.txt', cookieLine('example.com', 'sid', 'v'));
    const { folder, logged } = folderWithLog();
    const [first, second] = await Promise.all([folder.load(), folder.load()]);
    expect(first).toBe(second);
    expect(logged('DEBUG', 'cookies.txt')).toBe(1);
  });
});
