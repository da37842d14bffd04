import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ConnectionError');

/** No HTTP response at all: the connection was refused, reset or the host is unknown. Retryable. */
export class ConnectionError extends SwitchyardError {
  readonly [marker] = true;
  /** The system or undici error code, e.g. `ECONNREFUSED`. */
  readonly errorCode: string | undefined;

  constructor(options: {
    provider?: string | undefined;
    errorCode?: string | undefined;
    target: string;
    cause?: unknown;
  }) {
    const code = options.errorCode === undefined ? '' : ` (${options.errorCode})`;
    super(
      'connection_failed',
      `could not connect to ${options.target}${code}. Check the URL, the proxy and that the server is up.`,
      {
        provider: options.provider,
        retryable: true,
        cause: options.cause,
      },
    );
    this.name = 'ConnectionError';
    this.errorCode = options.errorCode;
  }

  static override isInstance(error: unknown): error is ConnectionError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
