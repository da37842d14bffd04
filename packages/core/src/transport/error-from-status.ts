import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { MissingAuthError } from '../errors/missing-auth-error.js';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ResponseStatusError } from '../errors/response-status-error.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import { missingApiVersionHint } from './api-version-hint.js';
import { bodyExcerpt } from './body-excerpt.js';
import { errorEnvelopeFromText, isModelMissing } from './error-envelope.js';
import { retryAfterFromHeaders } from './retry-after.js';

/** A non-2xx response, read in full (it is small) so the error can quote it. */
export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyText: string;
  readonly url: string;
}

/**
 * The default mapping of statuses to errors: 401/403 → MissingAuthError, 429 → RateLimitError,
 * 408, 409 and 5xx → retryable ResponseStatusError, anything else → non-retryable; the wait the
 * server asks for comes from `retry-after-ms`, then `Retry-After`.
 */
export function errorFromStatus(
  response: ErrorResponse,
  context: {
    provider?: string | undefined;
    authHint?: string | undefined;
    /** The model asked for, for a 404 that says it does not exist. */
    model?: string | undefined;
    /** The base URL and the API version its paths live under: a 404 from one without it asks for it. */
    apiVersion?: { readonly baseUrl: string; readonly version: string } | undefined;
  } = {},
): SwitchyardError {
  const { status } = response;
  const { provider } = context;
  const excerpt = bodyExcerpt(response.bodyText);
  const envelope =
    status === 404 || status === 400 || status === 422 ? errorEnvelopeFromText(response.bodyText) : undefined;
  if (status === 404 && envelope !== undefined && context.model !== undefined && isModelMissing(envelope)) {
    return new ModelNotSupportedError({
      provider,
      model: context.model,
      supportedModels: [],
      detail: envelope.message,
    });
  }
  if ((status === 400 || status === 422) && envelope !== undefined) {
    return new InvalidRequestError({
      provider,
      issues: [{ path: 'request', message: `the server rejected it: ${envelope.message}` }],
    });
  }
  const versionHint =
    status === 404 && context.apiVersion !== undefined
      ? missingApiVersionHint(context.apiVersion.baseUrl, context.apiVersion.version)
      : undefined;
  if (status === 401 || status === 403) {
    return new MissingAuthError({
      provider: context.provider,
      status,
      hint: context.authHint ?? 'Check the credentials (cookies or API key) for this provider.',
    });
  }
  const retryAfterMs = retryAfterFromHeaders(response.headers);
  if (status === 429) {
    return new RateLimitError({ provider: context.provider, status, retryAfterMs, bodyExcerpt: excerpt });
  }
  return new ResponseStatusError({
    provider: context.provider,
    status,
    bodyExcerpt: excerpt,
    url: response.url,
    retryAfterMs,
    hint: versionHint,
  });
}
