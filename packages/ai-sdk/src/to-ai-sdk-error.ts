import { APICallError } from '@ai-sdk/provider';
import {
  ConnectionError,
  MissingAuthError,
  RateLimitError,
  ResponseStatusError,
  SwitchyardError,
  TimeoutError,
} from '@switchyard/core';

/** Where the failed call went, for the fields the AI SDK's `APICallError` requires. */
export interface FailedCall {
  readonly url: string;
  readonly requestBodyValues: unknown;
}

/**
 * A Switchyard error as the AI SDK expects a model to fail. An abort is the caller's own
 * signal reason, as `fetch` rejects, so the AI SDK recognises it as an abort. Failures of the
 * HTTP call (status, auth, rate limit, connection, timeout) are `APICallError`, with
 * `isRetryable` from Switchyard's `retryable` and the wait from `Retry-After` as
 * `retry-after-ms`, which the AI SDK's retry honours; the Switchyard error is the `cause`.
 * Everything else (an interrupted stream, every provider of a chain failing, a bad request)
 * stays the Switchyard error, recognisable with `SwitchyardError.isInstance`.
 */
export function toAiSdkError(error: unknown, abortSignal: AbortSignal | undefined, call: FailedCall): unknown {
  if (abortSignal?.aborted) return abortSignal.reason;
  if (!SwitchyardError.isInstance(error)) return error;
  const common = { message: error.message, url: call.url, requestBodyValues: call.requestBodyValues, cause: error };
  const retryAfter = (ms: number | undefined) =>
    ms === undefined ? {} : { responseHeaders: { 'retry-after-ms': String(ms) } };
  if (MissingAuthError.isInstance(error)) {
    return new APICallError({ ...common, statusCode: error.status ?? 401, isRetryable: error.retryable });
  }
  if (RateLimitError.isInstance(error) || ResponseStatusError.isInstance(error)) {
    return new APICallError({
      ...common,
      statusCode: error.status,
      responseBody: error.bodyExcerpt,
      isRetryable: error.retryable,
      ...retryAfter(error.retryAfterMs),
    });
  }
  if (ConnectionError.isInstance(error) || TimeoutError.isInstance(error)) {
    return new APICallError({ ...common, isRetryable: error.retryable });
  }
  return error;
}
