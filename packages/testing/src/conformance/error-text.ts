import { inspect } from 'node:util';

/**
 * Everything an error shows where a leaked secret would: each message and stack down its cause
 * chain, and the error as `console.error` prints it, own properties included.
 */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    parts.push(current.message, current.stack ?? '');
  }
  parts.push(inspect(error, { depth: 8 }));
  return parts.join('\n');
}
