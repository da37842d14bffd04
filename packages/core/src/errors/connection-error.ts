import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ConnectionError');

/** Where a call through a proxy failed: reaching the proxy, or the proxy reaching the server. */
export type ConnectionHop = 'proxy' | 'target';

/**
 * No HTTP response at all: the connection was refused, reset or the host is unknown. Retryable.
 * Through a proxy it says which hop failed, so a proxy that is down is not reported as the
 * server being down; a proxy that rejects credentials is a `ProxyAuthError` instead.
 */
export class ConnectionError extends SwitchyardError {
  readonly [marker] = true;
  /** The system or undici error code, e.g. `ECONNREFUSED`. */
  readonly errorCode: string | undefined;
  /** The proxy the call went through, without its credentials; undefined for a direct call. */
  readonly proxy: string | undefined;
  /** Which hop failed, when that is known; undefined for a direct call or when it cannot be told. */
  readonly failedHop: ConnectionHop | undefined;

  constructor(options: {
    provider?: string | undefined;
    errorCode?: string | undefined;
    target: string;
    /** The proxy without its credentials (never the URL as configured). */
    proxy?: string | undefined;
    failedHop?: ConnectionHop | undefined;
    /** What happened, in place of the error code, e.g. `it answered 502 to CONNECT`. */
    detail?: string | undefined;
    cause?: unknown;
  }) {
    const reason = options.detail ?? options.errorCode;
    const why = reason === undefined ? '' : ` (${reason})`;
    super('connection_failed', connectionMessage(options.target, options.proxy, options.failedHop, why), {
      provider: options.provider,
      retryable: true,
      cause: options.cause,
    });
    this.name = 'ConnectionError';
    this.errorCode = options.errorCode;
    this.proxy = options.proxy;
    this.failedHop = options.proxy === undefined ? undefined : options.failedHop;
  }

  static override isInstance(error: unknown): error is ConnectionError {
    return SwitchyardError.hasMarker(error, marker);
  }
}

function connectionMessage(
  target: string,
  proxy: string | undefined,
  failedHop: ConnectionHop | undefined,
  why: string,
): string {
  if (proxy === undefined) {
    return `could not connect to ${target}${why}. Check the URL, the proxy and that the server is up.`;
  }
  switch (failedHop) {
    case 'proxy':
      return `could not connect to the proxy ${proxy}${why} on the way to ${target}. Check the proxy URL and that the proxy is up.`;
    case 'target':
      return `the proxy ${proxy} could not open a connection to ${target}${why}. Check the URL, that the server is up and that the proxy may reach it.`;
    case undefined:
      return `could not connect to ${target} through the proxy ${proxy}${why}. Check the URL, the proxy and that the server is up.`;
  }
}
