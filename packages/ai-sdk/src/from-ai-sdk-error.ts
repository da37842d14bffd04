import {
  APICallError,
  EmptyResponseBodyError,
  InvalidArgumentError,
  InvalidPromptError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  NoSuchModelError,
  TypeValidationError,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import {
  AbortedError,
  ConnectionError,
  InvalidRequestError,
  MissingAuthError,
  ModelNotSupportedError,
  ProtocolError,
  ResponseStatusError,
  SwitchyardError,
  TimeoutError,
  type Timeouts,
  UpstreamError,
} from '@switchyard/core';
import { connectionErrorCodes, errorFromStatus } from '@switchyard/core/provider-kit';

export interface AiSdkFailureContext {
  readonly provider: string;
  readonly model: string;
  readonly timeouts: Pick<Timeouts, 'connectMs' | 'headersMs'>;
}

const authHint = 'Check the API key the AI SDK provider was created with (its apiKey option or environment variable).';

/** What fetch runtimes other than undici (Bun) call a failed connection, on top of core's codes. */
const fetchRuntimeCodes = new Set(['ConnectionRefused', 'ConnectionClosed', 'FailedToOpenSocket']);

function networkCodeOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (connectionErrorCodes.has(code) || fetchRuntimeCodes.has(code) || code.startsWith('UND_ERR_'))
    )
      return code;
  }
  return undefined;
}

/** A URL without its query, which some APIs use for keys. */
function withoutQuery(url: string): string {
  return URL.canParse(url) ? `${new URL(url).origin}${new URL(url).pathname}` : 'the model endpoint';
}

function fromNetworkFailure(error: unknown, target: string, context: AiSdkFailureContext): SwitchyardError | undefined {
  const { provider } = context;
  const code = networkCodeOf(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new TimeoutError({ provider, phase: 'connect', timeoutMs: context.timeouts.connectMs, cause: error });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new TimeoutError({ provider, phase: 'headers', timeoutMs: context.timeouts.headersMs, cause: error });
  }
  // A body cut mid-read surfaces from fetch as a bare `TypeError: terminated`.
  const cut = error instanceof TypeError && error.message === 'terminated';
  if (code === undefined && !cut) return undefined;
  return new ConnectionError({ provider, errorCode: code, target, cause: error });
}

/** A failed HTTP call, typed by its status as Switchyard's own providers type theirs. */
function fromApiCallError(error: APICallError, context: AiSdkFailureContext): SwitchyardError {
  const { provider } = context;
  const url = withoutQuery(error.url);
  const status = error.statusCode;
  if (status === undefined) {
    return (
      fromNetworkFailure(error, url, context) ??
      new ConnectionError({ provider, target: url, errorCode: undefined, cause: error })
    );
  }
  // A 2xx that failed while it was read: the connection broke mid-body, or the body was not what it should be.
  if (status >= 200 && status < 300) {
    return (
      fromNetworkFailure(error, url, context) ??
      new ProtocolError({ provider, detail: firstLine(error.message), cause: error })
    );
  }
  const response = {
    status,
    headers: error.responseHeaders ?? {},
    bodyText: error.responseBody ?? '',
    url,
  };
  const mapped = errorFromStatus(response, { provider, authHint });
  // A status the model's provider counts as retryable beyond core's own (408, 409, 5xx) stays retryable.
  if (ResponseStatusError.isInstance(mapped) && error.isRetryable && !mapped.retryable) {
    return new ResponseStatusError({
      provider,
      status,
      bodyExcerpt: mapped.bodyExcerpt,
      url,
      retryable: true,
      retryAfterMs: mapped.retryAfterMs,
    });
  }
  return mapped;
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * What an AI SDK model threw, as the Switchyard error a caller and a fallback chain act on:
 * `APICallError` by its status (401/403 auth, 429 rate limit with `Retry-After`, 5xx
 * retryable), a request that never got an answer as a connection failure or connect/headers
 * timeout, a missing key as missing auth, the model's refusals of the request as an invalid
 * request, a response it could not read as a protocol error.
 */
export function fromAiSdkError(error: unknown, context: AiSdkFailureContext): SwitchyardError {
  const { provider } = context;
  if (SwitchyardError.isInstance(error)) return error;
  if (APICallError.isInstance(error)) return fromApiCallError(error, context);
  if (LoadAPIKeyError.isInstance(error)) return new MissingAuthError({ provider, hint: error.message });
  if (NoSuchModelError.isInstance(error)) {
    return new ModelNotSupportedError({ provider, model: context.model, supportedModels: [], detail: error.message });
  }
  if (
    UnsupportedFunctionalityError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    InvalidPromptError.isInstance(error)
  ) {
    return new InvalidRequestError({
      provider,
      issues: [{ path: 'request', message: `the AI SDK model refused it: ${error.message}` }],
      cause: error,
    });
  }
  if (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error)
  ) {
    return new ProtocolError({ provider, detail: firstLine(error.message), cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') return new AbortedError({ provider, cause: error });
  return (
    fromNetworkFailure(error, 'the model endpoint', context) ??
    new ProtocolError({ provider, detail: `the AI SDK model failed: ${firstLine(errorMessage(error))}`, cause: error })
  );
}

const retryableKinds = new Set(['server_error', 'overloaded_error', 'service_unavailable', '500', '502', '503']);

/**
 * An `error` part inside the model's stream. Providers put what the server sent there (OpenAI's
 * `{message, type, code}`, a string) or an error of their own (a chunk that did not parse).
 */
export function fromAiSdkStreamError(error: unknown, context: AiSdkFailureContext): SwitchyardError {
  const { provider } = context;
  if (typeof error === 'string') return new UpstreamError({ provider, upstreamMessage: error });
  if (error instanceof Error) return fromAiSdkError(error, context);
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    const { message, type, code } = error as { message: string; type?: unknown; code?: unknown };
    const retryable = [type, code].some((kind) => retryableKinds.has(String(kind)));
    return new UpstreamError({ provider, upstreamMessage: message, retryable });
  }
  return new UpstreamError({ provider, upstreamMessage: JSON.stringify(error) ?? String(error) });
}

/** AI SDK messages can quote a whole response; the first line says what went wrong. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
