import { ConnectionError } from '../errors/connection-error.js';
import { errorCode } from '../errors/error-code.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { errorFromProxyFailure } from './proxy-failure.js';
import { proxyForDisplay } from './proxy-url.js';
import type { Timeouts } from './timeouts.js';

/** Codes undici and the OS put on a request that never reached, or lost, the server. */
export const connectionErrorCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_ABORTED',
  'UND_ERR_PRX_TLS',
]);

/**
 * Maps what undici or the OS threw before a response arrived to a typed error.
 * Returns the error untouched when it is already typed or not a network failure.
 */
export function errorFromNetworkFailure(
  error: unknown,
  context: {
    provider?: string | undefined;
    target: string;
    timeouts: Pick<Timeouts, 'connectMs' | 'headersMs' | 'idleMs'>;
    /** The proxy the request went through, as configured: errors then say which hop failed. */
    proxy?: string | undefined;
  },
): unknown {
  if (SwitchyardError.isInstance(error)) return error;
  const { provider } = context;
  const code = errorCode(error) ?? (error instanceof AggregateError ? errorCode(error.errors[0]) : undefined);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new TimeoutError({ provider, phase: 'connect', timeoutMs: context.timeouts.connectMs, cause: error });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new TimeoutError({ provider, phase: 'headers', timeoutMs: context.timeouts.headersMs, cause: error });
    case 'UND_ERR_BODY_TIMEOUT':
      return new TimeoutError({ provider, phase: 'idle', timeoutMs: context.timeouts.idleMs, cause: error });
  }
  if (code === 'UND_ERR_INVALID_ARG') {
    // undici refused what we were about to send (a header value it cannot encode, say).
    return new InvalidRequestError({
      provider,
      issues: [
        { path: 'request', message: `undici refused it: ${error instanceof Error ? error.message : String(error)}` },
      ],
      cause: error,
    });
  }
  if (context.proxy !== undefined) {
    const placed = errorFromProxyFailure(error, code, { provider, target: context.target, proxy: context.proxy });
    if (placed !== undefined) return placed;
  }
  const proxy = context.proxy === undefined ? undefined : proxyForDisplay(context.proxy);
  // SOCKS5 codes cannot get here: they only occur through a proxy, and errorFromProxyFailure places every one.
  if (code !== undefined && connectionErrorCodes.has(code)) {
    const detail = proxy === undefined ? unresolvedHost(code, context.target) : undefined;
    return new ConnectionError({ provider, errorCode: code, target: context.target, proxy, detail, cause: error });
  }
  // Anything else that ended the exchange before a response (a proxy handshake that gave up,
  // say) is still a failure to connect, typed as one.
  if (error instanceof Error) return new ConnectionError({ provider, target: context.target, proxy, cause: error });
  return error;
}

/** A host name that does not resolve is a typo in the URL far more often than a server that is down. */
function unresolvedHost(code: string, target: string): string | undefined {
  if (code !== 'ENOTFOUND' && code !== 'EAI_AGAIN') return undefined;
  let host: string;
  try {
    host = new URL(target).hostname;
  } catch {
    return undefined;
  }
  const why = code === 'EAI_AGAIN' ? 'EAI_AGAIN, a temporary DNS failure' : code;
  return `could not resolve host ${host}, ${why}`;
}
