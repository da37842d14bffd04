import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ProxyAuthError');

/**
 * The proxy, not the server, turned the call away over credentials: an HTTP proxy answered the
 * CONNECT with 407 (or 401, as tinyproxy does), or a SOCKS5 proxy failed the username/password
 * exchange. Not retryable: the same credentials get the same answer, so a fallback chain moves
 * on at once. Names the proxy by scheme, host and port only; never its user name or password.
 */
export class ProxyAuthError extends SwitchyardError {
  readonly [marker] = true;
  /** The proxy without its credentials, e.g. `http://127.0.0.1:8888`. */
  readonly proxy: string;
  /** The HTTP proxy's answer to CONNECT (407, or 401 from tinyproxy); undefined for SOCKS5. */
  readonly status: number | undefined;

  constructor(options: {
    provider?: string | undefined;
    proxy: string;
    status?: number | undefined;
    /** What the proxy said, e.g. `it answered 407` or `SOCKS5 authentication failed`. */
    detail: string;
    /** Whether the proxy URL carried credentials: wrong ones and missing ones want different fixes. */
    credentialsGiven: boolean;
    cause?: unknown;
  }) {
    super(
      'proxy_auth',
      options.credentialsGiven
        ? `the proxy ${options.proxy} rejected the credentials in the proxy URL (${options.detail}). Check the user name and password; retrying will not help.`
        : `the proxy ${options.proxy} demands credentials (${options.detail}). Put them in the proxy URL: scheme://user:password@host:port.`,
      { provider: options.provider, retryable: false, cause: options.cause },
    );
    this.name = 'ProxyAuthError';
    this.proxy = options.proxy;
    this.status = options.status;
  }

  static override isInstance(error: unknown): error is ProxyAuthError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
