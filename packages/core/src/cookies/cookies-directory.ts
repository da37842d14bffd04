import { statSync } from 'node:fs';
import path from 'node:path';

/** The folder name gpt4free uses, so people moving over can keep their cookie files where they are. */
export const defaultCookiesDirectoryName = 'har_and_cookies';

/**
 * Where cookie files live: `SWITCHYARD_COOKIES_DIR` when set, else `./har_and_cookies` if present.
 * An explicit setting is returned even when the folder is missing, so the caller decides whether
 * that is an error; the default is only a guess, so it must exist to count.
 */
export function resolveCookiesDirectory(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const configured = env.SWITCHYARD_COOKIES_DIR;
  if (configured !== undefined && configured !== '') return path.resolve(cwd, configured);
  const fallback = path.join(cwd, defaultCookiesDirectoryName);
  return statSync(fallback, { throwIfNoEntry: false })?.isDirectory() === true ? fallback : undefined;
}
