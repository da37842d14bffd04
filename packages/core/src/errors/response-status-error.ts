import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ResponseStatusError');

/** The server answered with a status the provider cannot use. 5xx are retryable, the rest are not. */
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
  }) {
    const where = options.url === undefined ? '' : ` for ${options.url}`;
    const body = options.bodyExcerpt === '' ? 'an empty body' : `"${options.bodyExcerpt}"`;
    const retryable = options.retryable ?? options.status >= 500;
    const advice = retryable ? 'This is likely temporary; retry later.' : 'Retrying the same request will not help.';
    super('response_status', `the server answered HTTP ${options.status}${where} with ${body}. ${advice}`, {
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
