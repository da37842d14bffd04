import path from 'node:path';
import type { StoredCookie } from './cookie.js';
import { parseHarCookies } from './har-cookies.js';
import { parseJsonCookieExport } from './json-cookie-export.js';
import { parseNetscapeCookieFile } from './netscape-cookie-file.js';

export type CookieFileFormat = 'har' | 'json-export' | 'netscape';

/** The extensions a cookies folder is scanned for; anything else there (notes, images) is left alone. */
export const cookieFileExtensions: ReadonlySet<string> = new Set(['.har', '.json', '.txt']);

function looksLikeHar(text: string): boolean {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // Not JSON at all: the JSON-export parser will report where it breaks.
    return false;
  }
  if (typeof document !== 'object' || document === null || !('log' in document)) return false;
  const { log } = document;
  return typeof log === 'object' && log !== null && 'entries' in log;
}

/**
 * Picks a parser by extension first, then by content, because browsers save HAR recordings as
 * `.har` but people rename them to `.json`, and `cookies.txt` exports come under any name.
 */
export function detectCookieFileFormat(filePath: string, text: string): CookieFileFormat {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.har') return 'har';
  if (extension === '.json') return looksLikeHar(text) ? 'har' : 'json-export';
  return 'netscape';
}

/** Parses a cookie file of any supported format; `filePath` names the file in errors. */
export function parseCookieFile(filePath: string, text: string): StoredCookie[] {
  switch (detectCookieFileFormat(filePath, text)) {
    case 'har':
      return parseHarCookies(text, filePath);
    case 'json-export':
      return parseJsonCookieExport(text, filePath);
    case 'netscape':
      return parseNetscapeCookieFile(text, filePath);
  }
}
