import { CheckFailure } from './check-outcome.js';

/**
 * Waits for `promise` at most `ms`; past that the check fails with `what`. A provider that
 * ignores an abort or a timeout would otherwise hang the suite instead of failing it.
 * The timer is cleared either way.
 */
export async function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailure(`${what} (waited ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}
