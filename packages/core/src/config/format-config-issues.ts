import type { z } from 'zod';
import { isSensitiveKey, redactUrl } from '../logging/redact.js';
import { nearestName, typoDistance } from './nearest-name.js';
import { objectKeysAt } from './object-keys-at.js';

const longestShownValue = 80;

/**
 * One problem per issue, as `<path>: <what was expected>, received <value>`; an unknown key is
 * reported as `<path of the containing object>: unknown key "<key>"`, with the key it was probably
 * meant to be when `schema` (the one that produced the issues) knows one close to it. Expects
 * issues parsed with `reportInput` so the received value can be shown.
 */
export function formatConfigIssues(issues: readonly z.core.$ZodIssue[], schema?: z.core.$ZodType): string[] {
  return issues.flatMap((issue) => {
    const where = formatConfigPath(issue.path);
    const prefix = where === '' ? '' : `${where}: `;
    if (issue.code === 'unrecognized_keys') {
      const known = schema === undefined ? undefined : objectKeysAt(schema, issue.path);
      return issue.keys.map((key) => `${prefix}unknown key ${JSON.stringify(key)}${suggestKey(key, known)}`);
    }
    const alreadySaysReceived = /\breceived\b/.test(issue.message);
    const received =
      'input' in issue && !alreadySaysReceived ? `, received ${describeReceived(issue.input, issue.path)}` : '';
    return [`${prefix}${issue.message}${received}`];
  });
}

function suggestKey(key: string, known: readonly string[] | undefined): string {
  if (known === undefined || known.length === 0) return '';
  const nearest = nearestName(key, known, typoDistance(key));
  if (nearest !== undefined) return ` (did you mean ${JSON.stringify(nearest)}?)`;
  return ` (expected one of ${known.map((name) => JSON.stringify(name)).join(', ')})`;
}

/** `timeouts.idleMs`, `cookies["example.com"].sid`, `models[0]`: dotted where a key reads as a name. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'symbol') text += `[${String(segment)}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * A short, safe rendering of a value that failed validation. Values under credential-named keys
 * are described only by kind, and strings lose any password a URL in them carries.
 */
export function describeReceived(value: unknown, path: readonly PropertyKey[] = []): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
  if (path.some((segment) => typeof segment === 'string' && isSensitiveKey(segment))) {
    return `a ${typeof value === 'bigint' ? 'number' : typeof value} (value hidden)`;
  }
  if (typeof value !== 'string') return String(value);
  // Redact before shortening: cutting first could split a URL so its password no longer looks like one.
  const safe = redactUrl(value);
  return JSON.stringify(safe.length > longestShownValue ? `${safe.slice(0, longestShownValue)}…` : safe);
}
