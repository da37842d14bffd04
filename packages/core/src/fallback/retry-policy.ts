import type { SwitchyardError } from '../errors/switchyard-error.js';

export interface RetryPolicy {
  /** Tries per provider, the first included; 1 means no retry. */
  readonly attempts: number;
  /** The first backoff; each retry doubles it. */
  readonly baseDelayMs: number;
  /** The longest wait before a retry; a longer `Retry-After` moves on to the next provider instead. */
  readonly maxWaitMs: number;
}

/**
 * No retry by default: with another provider in the chain, moving on is faster than waiting on
 * one that just failed. Callers who would rather wait set `attempts`.
 */
export const defaultRetryPolicy: RetryPolicy = { attempts: 1, baseDelayMs: 250, maxWaitMs: 10_000 };

/**
 * How long to wait before retrying, or undefined when no retry should be made: the error is not
 * retryable, the attempts are used up, or the server asks for a longer wait than allowed.
 */
export function retryDelay(error: SwitchyardError, attempt: number, policy: RetryPolicy): number | undefined {
  if (!error.retryable || attempt >= policy.attempts) return undefined;
  const retryAfterMs =
    'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined;
  const wait = retryAfterMs ?? policy.baseDelayMs * 2 ** (attempt - 1);
  return wait <= policy.maxWaitMs ? wait : undefined;
}
