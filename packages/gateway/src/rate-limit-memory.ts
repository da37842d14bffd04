import { type AttemptRecord, RateLimitError } from '@switchyard/core';

/**
 * Which providers last failed on a rate limit, as every attempt of this gateway reports. A
 * provider whose breaker then opened is skipped as "not working"; this tells that skip apart from
 * an outage, so the client hears 429 with a Retry-After rather than 502.
 */
export class RateLimitMemory {
  readonly #rateLimited = new Set<string>();

  observe(attempt: AttemptRecord): void {
    const key = attempt.provider.toLowerCase();
    if (attempt.outcome === 'succeeded') this.#rateLimited.delete(key);
    else if (attempt.outcome === 'failed' || attempt.outcome === 'empty') {
      if (RateLimitError.isInstance(attempt.error)) this.#rateLimited.add(key);
      else this.#rateLimited.delete(key);
    }
  }

  lastFailedOnRateLimit(provider: string): boolean {
    return this.#rateLimited.has(provider.toLowerCase());
  }
}
