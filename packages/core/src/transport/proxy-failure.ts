import { ConnectionError } from '../errors/connection-error.js';
import { ProxyAuthError } from '../errors/proxy-auth-error.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import { proxyForDisplay, proxyHasCredentials } from './proxy-url.js';

/**
 * undici reports a refused CONNECT only in this message (a `RequestAbortedError`, with no status
 * field), so the status is read from it. Pinned with undici's version, and proven against a real
 * tinyproxy in `proxy-errors.test.ts`.
 */
const refusedTunnel = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/;

/**
 * Socks5ProxyAgent gives up on a SOCKS5 server that stays silent (an HTTP proxy addressed as
 * socks5://, say) after its own 5 s, with a plain Error that has no code.
 */
const silentSocksHandshake = /^SOCKS5 authentication timeout$/;

/**
 * Failures to open a connection. Through a proxy the client opens only one, to the proxy (the
 * proxy connects onwards), so these can only mean the proxy was not reached. Failures on an open
 * connection (a reset, say) could come from either hop and are not listed.
 */
const proxyUnreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_PRX_TLS',
]);

/**
 * What undici's ProxyAgent and Socks5ProxyAgent throw, told apart by hop: the proxy turned the
 * credentials away, the proxy was not reached, or the proxy did not reach the server. Undefined
 * for anything it cannot place, which the caller maps as a plain failure through the proxy.
 */
export function errorFromProxyFailure(
  error: unknown,
  code: string | undefined,
  context: { provider?: string | undefined; target: string; proxy: string },
): SwitchyardError | undefined {
  const { provider, target } = context;
  const proxy = proxyForDisplay(context.proxy);
  const credentialsGiven = proxyHasCredentials(context.proxy);
  const message = error instanceof Error ? error.message : '';

  const status = code === 'UND_ERR_ABORTED' ? refusedTunnel.exec(message)?.[1] : undefined;
  if (status !== undefined) {
    const answered = Number(status);
    // The answer to CONNECT comes from the proxy itself: the server is not reached yet, so a
    // 401 there (tinyproxy's answer to a wrong password) is the proxy's too.
    if (answered === 407 || answered === 401) {
      return new ProxyAuthError({
        provider,
        proxy,
        status: answered,
        detail: `it answered ${answered} to CONNECT`,
        credentialsGiven,
        cause: error,
      });
    }
    return new ConnectionError({
      provider,
      errorCode: code,
      target,
      proxy,
      failedHop: 'target',
      detail: `it answered ${answered} to CONNECT`,
      cause: error,
    });
  }
  switch (code) {
    case 'UND_ERR_SOCKS5_AUTH_FAILED':
      return new ProxyAuthError({
        provider,
        proxy,
        detail: 'SOCKS5 username/password authentication failed',
        credentialsGiven,
        cause: error,
      });
    case 'UND_ERR_SOCKS5_AUTH_REJECTED':
      return new ProxyAuthError({
        provider,
        proxy,
        detail: credentialsGiven
          ? 'it accepted no authentication method offered, username/password included'
          : 'it accepted no authentication method offered without credentials',
        credentialsGiven,
        cause: error,
      });
  }
  if (code !== undefined && /^UND_ERR_SOCKS5_REPLY_\d+$/.test(code)) {
    // The proxy answered CONNECT with a failure: it could not, or would not, reach the server.
    return new ConnectionError({
      provider,
      errorCode: code,
      target,
      proxy,
      failedHop: 'target',
      detail: message,
      cause: error,
    });
  }
  if (code === undefined && silentSocksHandshake.test(message)) {
    return new ConnectionError({
      provider,
      target,
      proxy,
      failedHop: 'proxy',
      detail: 'no answer to the SOCKS5 handshake; is it a SOCKS5 proxy?',
      cause: error,
    });
  }
  if (code !== undefined && (proxyUnreachableCodes.has(code) || code.startsWith('UND_ERR_SOCKS5'))) {
    // Any other SOCKS5 error is the handshake with the proxy going wrong (not speaking SOCKS5, say).
    return new ConnectionError({ provider, errorCode: code, target, proxy, failedHop: 'proxy', cause: error });
  }
  return undefined;
}
