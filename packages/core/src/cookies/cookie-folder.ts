import type { BigIntStats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors/configuration-error.js';
import { errorCode } from '../errors/error-code.js';
import type { LogFields, Logger } from '../logging/logger.js';
import { silentLogger } from '../logging/silent-logger.js';
import type { StoredCookie } from './cookie.js';
import { cookieFileExtensions, parseCookieFile } from './cookie-file-format.js';
import { CookieStore } from './cookie-store.js';

export interface CookieFolderOptions {
  /** Told of every malformed file (a warning, once per version of the file) and every file read (debug). */
  readonly logger?: Logger | undefined;
  /** Added to every line logged, e.g. `{ provider: 'OpenAssistant' }`. */
  readonly logFields?: LogFields | undefined;
}

/** What one version of one file gave: its cookies, or why it could not be used. */
type FileOutcome =
  | { readonly kind: 'read'; readonly cookies: readonly StoredCookie[] }
  | { readonly kind: 'malformed'; readonly error: ConfigurationError };

interface FileState {
  /** Identifies the version of the file that `outcome` was read from. */
  readonly version: string;
  readonly outcome: FileOutcome;
}

function isMissing(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

/**
 * Editors save by rewriting in place (size, mtime and ctime change) or by renaming a new file over
 * the old one (the inode changes). Two writes of the same size within one tick of the kernel's
 * file clock (a few milliseconds) look alike; a person fixing a file by hand is never that fast.
 */
function versionOf(info: BigIntStats): string {
  return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

/**
 * A cookies folder (`har_and_cookies`) that stays in step with the files in it. Each `load()`
 * lists the folder and stats its `.har`, `.json` and `.txt` files (not subfolders); only a file
 * that is new or changed since the last load is read again, so fixing a file fixes the next call
 * while an unchanged folder costs a few stat calls.
 *
 * A malformed file is the user's to fix, not a reason to drop the good ones: it is logged as a
 * warning naming the file, line and column, once per version, and left out; the other files'
 * cookies are used. Only when no file in the folder can be used does `load()` throw the first
 * malformed file's `ConfigurationError`, so the mistake reaches the caller instead of a puzzling
 * "not signed in" from the server.
 */
export class CookieFolder {
  readonly dir: string;
  readonly #logger: Logger;
  readonly #logFields: LogFields;
  /** By file name, for the files of the last load. */
  #files = new Map<string, FileState>();
  /** Built from `#files`; rebuilt whenever a file changes. */
  #store: CookieStore | undefined;
  /** Concurrent calls share one look at the folder instead of each reading the same files. */
  #pending: Promise<CookieStore> | undefined;

  constructor(dir: string, options: CookieFolderOptions = {}) {
    this.dir = dir;
    this.#logger = options.logger ?? silentLogger;
    this.#logFields = options.logFields ?? {};
  }

  /** The cookies of every usable file in the folder as it is now. A missing folder holds none. */
  load(): Promise<CookieStore> {
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #refresh(): Promise<CookieStore> {
    const previous = this.#files;
    const files = new Map<string, FileState>();
    let changed = false;
    // Code-unit order rather than localeCompare: the same folder loads the same way on every machine.
    for (const name of (await this.#list()).sort()) {
      const known = previous.get(name);
      const state = await this.#examine(path.join(this.dir, name), known);
      if (state === undefined) continue;
      if (state !== known) changed = true;
      files.set(name, state);
    }
    if (files.size !== previous.size) changed = true;
    this.#files = files;
    if (changed || this.#store === undefined) this.#store = buildStore(files.values());

    const outcomes = [...files.values()].map((file) => file.outcome);
    if (!outcomes.some((outcome) => outcome.kind === 'read')) {
      for (const outcome of outcomes) if (outcome.kind === 'malformed') throw outcome.error;
    }
    return this.#store;
  }

  /** The names of the cookie files in the folder; none when it does not exist. */
  async #list(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch (error) {
      // No cookies folder is the normal case for anyone who does not use cookie-based providers.
      if (isMissing(error)) return [];
      const problem =
        errorCode(error) === 'ENOTDIR'
          ? 'expected a folder of cookie files, found a file'
          : `expected a readable folder of cookie files (${errorCode(error) ?? 'unknown error'})`;
      throw new ConfigurationError({ source: this.dir, problems: [problem], cause: error });
    }
    return entries.filter((name) => cookieFileExtensions.has(path.extname(name).toLowerCase()));
  }

  /**
   * The state of one listed file: `known` again when the file has not changed, a fresh read when
   * it has, `undefined` when it is gone or not a file.
   */
  async #examine(filePath: string, known: FileState | undefined): Promise<FileState | undefined> {
    let info: BigIntStats;
    try {
      // stat follows symlinks, so a cookies file linked in from elsewhere still counts.
      info = await stat(filePath, { bigint: true });
    } catch (error) {
      if (isMissing(error)) return undefined;
      const version = `unreadable:${errorCode(error) ?? 'unknown'}`;
      if (known?.version === version) return known;
      return { version, outcome: this.#unreadable(filePath, error) };
    }
    if (!info.isFile()) return undefined;
    const version = versionOf(info);
    if (known?.version === version) return known;
    const outcome = await this.#read(filePath);
    return outcome === undefined ? undefined : { version, outcome };
  }

  /** Reads and parses one file; `undefined` when it vanished since it was listed. */
  async #read(filePath: string): Promise<FileOutcome | undefined> {
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      return this.#unreadable(filePath, error);
    }
    let cookies: StoredCookie[];
    try {
      cookies = parseCookieFile(filePath, text);
    } catch (error) {
      if (!ConfigurationError.isInstance(error)) throw error;
      return this.#malformed(error);
    }
    this.#logger.debug('cookie file read', { ...this.#logFields, file: filePath, count: cookies.length });
    return { kind: 'read', cookies };
  }

  #unreadable(filePath: string, error: unknown): FileOutcome {
    const problem = `expected a readable cookie file (${errorCode(error) ?? 'unknown error'})`;
    return this.#malformed(new ConfigurationError({ source: filePath, problems: [problem] }));
  }

  /** Said once per version of the file: an unchanged file is not read, so not reported, again. */
  #malformed(error: ConfigurationError): FileOutcome {
    // The message names the file, line and column and what was expected, never a cookie value.
    this.#logger.warn(`cookie file left out: ${error.message}`, { ...this.#logFields, file: error.source });
    return { kind: 'malformed', error };
  }
}

/** Later files replace the same cookie from earlier ones, in the order the folder was read. */
function buildStore(files: Iterable<FileState>): CookieStore {
  const store = new CookieStore();
  for (const { outcome } of files) {
    if (outcome.kind === 'read') for (const cookie of outcome.cookies) store.add(cookie);
  }
  return store;
}
