import { resolve } from 'node:path';
import { CookieStore, errorCode } from '@switchyard/core';
import { UsageError } from '../usage-error.js';

const unreadable: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'a folder, not a cookie file (a folder of cookie files is SWITCHYARD_COOKIES_DIR)',
  EACCES: 'not readable (permission denied)',
};

/** `--cookies FILE`: a JSON export, cookies.txt or HAR; a file that cannot be read is the user's to fix. */
export async function loadCookieFile(file: string): Promise<CookieStore> {
  const store = new CookieStore();
  try {
    await store.loadFile(file);
  } catch (error) {
    const problem = unreadable[errorCode(error) ?? ''];
    if (problem === undefined) throw error;
    throw new UsageError(`--cookies ${file}: ${problem} (${resolve(file)})`, { cause: error });
  }
  return store;
}

/**
 * `--cookie name=value`, repeatable, as one record. Checked here rather than in the flag's parser,
 * whose error would quote the argument: a session token pasted without its name, say.
 */
export function cookiesFromFlags(values: readonly string[]): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const value of values) {
    const separator = value.indexOf('=');
    const name = value.slice(0, Math.max(separator, 0)).trim();
    if (separator <= 0 || name === '') throw new UsageError('--cookie: expected name=value (the value is not shown)');
    cookies[name] = value.slice(separator + 1);
  }
  return cookies;
}
