const switchyardErrorMarker = Symbol.for('switchyard.error');

export type SwitchyardErrorCode =
  | 'invalid_request'
  | 'invalid_configuration'
  | 'provider_not_found'
  | 'model_not_supported'
  | 'provider_not_working'
  | 'missing_auth'
  | 'proxy_auth'
  | 'rate_limited'
  | 'response_status'
  | 'connection_failed'
  | 'protocol_error'
  | 'upstream_error'
  | 'timeout'
  | 'stream_interrupted'
  | 'empty_response'
  | 'all_providers_failed'
  | 'aborted';

export interface SwitchyardErrorOptions {
  readonly provider?: string | undefined;
  readonly retryable?: boolean | undefined;
  readonly cause?: unknown;
}

/**
 * The base of every error Switchyard throws. Recognised through `isInstance`, which checks a
 * `Symbol.for` marker instead of the prototype chain, so it works when two copies of this
 * package end up in one process (a provider built against another version of core).
 */
export class SwitchyardError extends Error {
  readonly [switchyardErrorMarker] = true;
  readonly code: SwitchyardErrorCode;
  readonly provider: string | undefined;
  readonly retryable: boolean;

  constructor(code: SwitchyardErrorCode, message: string, options: SwitchyardErrorOptions = {}) {
    super(
      options.provider === undefined ? message : `${options.provider}: ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'SwitchyardError';
    this.code = code;
    this.provider = options.provider;
    this.retryable = options.retryable ?? false;
  }

  static isInstance(error: unknown): error is SwitchyardError {
    return SwitchyardError.hasMarker(error, switchyardErrorMarker);
  }

  protected static hasMarker(error: unknown, marker: symbol): boolean {
    return (
      typeof error === 'object' &&
      error !== null &&
      marker in error &&
      (error as Record<symbol, unknown>)[marker] === true
    );
  }
}
