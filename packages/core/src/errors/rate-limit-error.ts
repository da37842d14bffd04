import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.RateLimitError');

export class RateLimitError extends SwitchyardError {
  readonly [marker] = true;
  readonly status: number;
  /** How long the server asked us to wait, from `Retry-After`; undefined when it did not say. */
  readonly retryAfterMs: number | undefined;
  readonly bodyExcerpt: string;

  constructor(options: {
    provider?: string | undefined;
    status?: number | undefined;
    retryAfterMs?: number | undefined;
    bodyExcerpt?: string | undefined;
  }) {
    const wait =
      options.retryAfterMs === undefined
        ? 'Wait before retrying.'
        : `Retry after ${Math.ceil(options.retryAfterMs / 1000)} s.`;
    super('rate_limited', `rate limited (HTTP ${options.status ?? 429}). ${wait}`, {
      provider: options.provider,
      retryable: true,
    });
    this.name = 'RateLimitError';
    this.status = options.status ?? 429;
    this.retryAfterMs = options.retryAfterMs;
    this.bodyExcerpt = options.bodyExcerpt ?? '';
  }

  static override isInstance(error: unknown): error is RateLimitError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
