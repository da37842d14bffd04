import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ResponseStatusError');

/**
 * Statuses worth a retry: 408 (the server gave up waiting for the request), 409 (OpenAI answers
 * lock contention so) and every 5xx. OpenAI's own clients retry the same set, besides 429.
 */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status >= 500;
}

/** The server answered with a status the provider cannot use; see `isRetryableStatus`. */
export class ResponseStatusError extends SwitchyardError {
  readonly [marker] = true;
  readonly status: number;
  readonly bodyExcerpt: string;
  readonly retryAfterMs: number | undefined;

  constructor(options: {
    provider?: string | undefined;
    status: number;
    bodyExcerpt: string;
    url?: string | undefined;
    retryable?: boolean | undefined;
    retryAfterMs?: number | undefined;
    /** What the provider knows that would fix it, e.g. a base URL missing its `/v1`. */
    hint?: string | undefined;
  }) {
    const where = options.url === undefined ? '' : ` for ${options.url}`;
    const body = options.bodyExcerpt === '' ? 'an empty body' : `"${options.bodyExcerpt}"`;
    const retryable = options.retryable ?? isRetryableStatus(options.status);
    const advice = retryable ? 'This is likely temporary; retry later.' : 'Retrying the same request will not help.';
    const hint = options.hint === undefined ? '' : ` ${options.hint}`;
    super('response_status', `the server answered HTTP ${options.status}${where} with ${body}. ${advice}${hint}`, {
      provider: options.provider,
      retryable,
    });
    this.name = 'ResponseStatusError';
    this.status = options.status;
    this.bodyExcerpt = options.bodyExcerpt;
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(error: unknown): error is ResponseStatusError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
