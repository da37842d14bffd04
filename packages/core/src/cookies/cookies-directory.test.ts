import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCookiesDirectory } from './cookies-directory.js';

describe('resolveCookiesDirectory', () => {
  let cwd: string;

  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), 'switchyard-cookies-'));
  });

  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('uses SWITCHYARD_COOKIES_DIR, resolved against cwd', () => {
    expect(resolveCookiesDirectory({ SWITCHYARD_COOKIES_DIR: 'my-cookies' }, cwd)).toBe(path.join(cwd, 'my-cookies'));
    expect(resolveCookiesDirectory({ SWITCHYARD_COOKIES_DIR: '/etc/cookies' }, cwd)).toBe(path.resolve('/etc/cookies'));
  });

  it('prefers the variable over an existing har_and_cookies folder', async () => {
    await mkdir(path.join(cwd, 'har_and_cookies'));
    expect(resolveCookiesDirectory({ SWITCHYARD_COOKIES_DIR: 'elsewhere' }, cwd)).toBe(path.join(cwd, 'elsewhere'));
  });

  it('falls back to ./har_and_cookies when it exists', async () => {
    await mkdir(path.join(cwd, 'har_and_cookies'));
    expect(resolveCookiesDirectory({}, cwd)).toBe(path.join(cwd, 'har_and_cookies'));
    expect(resolveCookiesDirectory({ SWITCHYARD_COOKIES_DIR: '' }, cwd)).toBe(path.join(cwd, 'har_and_cookies'));
  });

  it('returns undefined when nothing is configured and the default folder is missing', async () => {
    expect(resolveCookiesDirectory({}, cwd)).toBeUndefined();
    // A file by that name is not a cookies folder.
    await writeFile(path.join(cwd, 'har_and_cookies'), '');
    expect(resolveCookiesDirectory({}, cwd)).toBeUndefined();
  });
});
