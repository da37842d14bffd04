import { MissingAuthError } from '../errors/missing-auth-error.js';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import { UpstreamError } from '../errors/upstream-error.js';
import { type ErrorEnvelope, errorNames, isModelMissing } from './error-envelope.js';

/**
 * An error a server reported inside a stream, typed by what its type or code says: auth, rate
 * limit, a missing model, an overloaded or failing server (retryable); anything else stays an
 * `UpstreamError` that is not retried.
 */
export function errorFromEnvelope(
  error: ErrorEnvelope,
  context: { readonly provider: string; readonly model: string; readonly authHint: string },
): SwitchyardError {
  const { provider } = context;
  if (errorNames(error, 'invalid_api_key', 'authentication_error', 'permission_error', '401', '403')) {
    return new MissingAuthError({ provider, hint: context.authHint });
  }
  if (errorNames(error, 'rate_limit_exceeded', 'rate_limit_error', '429')) {
    return new RateLimitError({ provider, bodyExcerpt: error.message });
  }
  if (isModelMissing(error)) {
    return new ModelNotSupportedError({ provider, model: context.model, supportedModels: [], detail: error.message });
  }
  const retryable = errorNames(
    error,
    'server_error',
    'overloaded_error',
    'api_error',
    'service_unavailable',
    '500',
    '502',
    '503',
    '529',
  );
  return new UpstreamError({ provider, upstreamMessage: error.message, retryable });
}
