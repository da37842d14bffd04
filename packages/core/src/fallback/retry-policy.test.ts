import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../errors/connection-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { retryDelay } from './retry-policy.js';

const policy = { attempts: 3, baseDelayMs: 100, maxWaitMs: 1_000 };

describe('retryDelay', () => {
  it('backs off exponentially on retryable errors until the attempts run out', () => {
    const refused = new ConnectionError({ target: 'x', errorCode: 'ECONNREFUSED' });
    expect(retryDelay(refused, 1, policy)).toBe(100);
    expect(retryDelay(refused, 2, policy)).toBe(200);
    expect(retryDelay(refused, 3, policy)).toBeUndefined();
  });

  it('waits what Retry-After asks, unless that is longer than allowed', () => {
    expect(retryDelay(new RateLimitError({ retryAfterMs: 700 }), 1, policy)).toBe(700);
    expect(retryDelay(new RateLimitError({ retryAfterMs: 5_000 }), 1, policy)).toBeUndefined();
  });

  it('never retries what is not retryable', () => {
    expect(retryDelay(new InvalidRequestError({ issues: [] }), 1, policy)).toBeUndefined();
  });
});
