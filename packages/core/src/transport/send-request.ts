import { type Dispatcher, request } from 'undici';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { Logger } from '../logging/logger.js';
import type { AbortSource } from './call-signal.js';
import { getDispatcher } from './dispatchers.js';
import { type ErrorResponse, errorFromStatus } from './error-from-status.js';
import { errorFromNetworkFailure } from './network-failure.js';
import { RequestAbort } from './request-abort.js';
import type { Timeouts } from './timeouts.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SendRequestOptions {
  /** A string when there is no query to add: undici parses it once either way. */
  readonly url: URL | string;
  readonly method: HttpMethod;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: string | undefined;
  /** A call's own signal is listened to without an AbortSignal of its own being made. */
  readonly signal: AbortSource;
  readonly proxy?: string | undefined;
  readonly timeouts: Pick<Timeouts, 'connectMs' | 'headersMs' | 'idleMs'>;
  readonly provider?: string | undefined;
  /**
   * The body is a long-lived stream (SSE): undici's own body timeout is off, because the
   * stream reader times first token and idle gaps on events rather than on bytes.
   */
  readonly streaming?: boolean | undefined;
  /** What to tell the user on 401/403. */
  readonly authHint?: string | undefined;
  /** Told about each request and its outcome; it must redact (providers pass a redacting logger). */
  readonly logger?: Logger | undefined;
  /** The model asked for: a 404 that says it does not exist is a `ModelNotSupportedError`. */
  readonly model?: string | undefined;
  /** The base URL and the API version its paths live under, for the hint a 404 gives. */
  readonly apiVersion?: { readonly baseUrl: string; readonly version: string } | undefined;
  /** A provider's own reading of an error response; undefined falls back to the default mapping. */
  readonly mapErrorResponse?: ((response: ErrorResponse) => SwitchyardError | undefined) | undefined;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Must be consumed or destroyed by the caller. */
  readonly body: Dispatcher.ResponseData['body'];
}

const maxErrorBodyBytes = 64 * 1024;
const maxErrorBodyWaitMs = 5_000;

/**
 * Sends one request through the shared keep-alive dispatcher. Resolves only for 2xx; every other
 * status is read (up to 64 KiB) and thrown as a typed error. Network failures become typed errors.
 */
export async function sendRequest(options: SendRequestOptions): Promise<HttpResponse> {
  const target = requestTarget(options.url);
  const { logger } = options;
  logger?.debug('request', { method: options.method, url: target, proxy: options.proxy, provider: options.provider });
  let response: Dispatcher.ResponseData;
  const abort = new RequestAbort(options.signal);
  try {
    // undici acts on the signal only once a socket is connected; a proxy that accepts and then
    // says nothing would otherwise outlast the caller's abort and the total timeout.
    response = await abort.settle(
      request(options.url, {
        method: options.method,
        headers: options.headers ?? {},
        body: options.body ?? null,
        signal: abort,
        dispatcher: getDispatcher({ proxy: options.proxy, connectMs: options.timeouts.connectMs }),
        headersTimeout: options.timeouts.headersMs,
        bodyTimeout: options.streaming === true ? 0 : options.timeouts.idleMs,
      }),
    );
  } catch (error) {
    abort.detach();
    // Aborted: the signal's reason says why, whatever undici made of it.
    if (options.signal.aborted) throw options.signal.reason;
    const failure = errorFromNetworkFailure(error, {
      provider: options.provider,
      target,
      timeouts: options.timeouts,
      proxy: options.proxy,
    });
    logger?.debug('request failed', { method: options.method, url: target, error: failure });
    throw failure;
  }
  logger?.debug('response', { method: options.method, url: target, status: response.statusCode });
  if (response.statusCode >= 200 && response.statusCode < 300) {
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }
  const errorResponse: ErrorResponse = {
    status: response.statusCode,
    headers: response.headers,
    bodyText: await readErrorBody(response.body, Math.min(options.timeouts.idleMs, maxErrorBodyWaitMs)),
    url: target,
  };
  // An abort while the error body was read is the truth about how the call ended.
  options.signal.throwIfAborted();
  throw (
    options.mapErrorResponse?.(errorResponse) ??
    errorFromStatus(errorResponse, {
      provider: options.provider,
      authHint: options.authHint,
      model: options.model,
      apiVersion: options.apiVersion,
    })
  );
}

/** The URL without its query, for messages: a query may carry a key. */
function requestTarget(url: URL | string): string {
  // A URL with credentials in it is parsed, so that they are left out.
  if (typeof url !== 'string' || url.includes('@')) {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    return `${parsed.origin}${parsed.pathname}`;
  }
  const query = url.search(/[?#]/);
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Reads an error body for quoting; a body that fails, runs long or stalls past `waitMs` is cut,
 * never waited on (a streaming request has no body timeout of its own).
 */
async function readErrorBody(body: Dispatcher.ResponseData['body'], waitMs: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const timer = setTimeout(() => body.destroy(), waitMs);
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      chunks.push(buffer);
      size += buffer.length;
      if (size >= maxErrorBodyBytes) break;
    }
  } catch {
    // The status already says what went wrong; a broken error body adds nothing.
  } finally {
    clearTimeout(timer);
    body.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}
