import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SwitchyardConfig } from '@switchyard/core';

/** A cookies folder that was named but is not there reads as no cookies at all: say so rather than stay silent. */
export function missingCookiesFolder(config: SwitchyardConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (config.cookiesDir === undefined) return undefined;
  const path = resolve(config.cookiesDir);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) return undefined;
  const source =
    env.SWITCHYARD_COOKIES_DIR !== undefined && env.SWITCHYARD_COOKIES_DIR !== ''
      ? 'SWITCHYARD_COOKIES_DIR'
      : 'cookiesDir in the config';
  return `${source} names ${path}, which is not a folder: no cookie files are read from it.`;
}
