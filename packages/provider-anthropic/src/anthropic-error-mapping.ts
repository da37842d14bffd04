import {
  InvalidRequestError,
  MissingAuthError,
  ModelNotSupportedError,
  RateLimitError,
  type SwitchyardError,
  UpstreamError,
} from '@switchyard/core';
import { type ErrorResponse, errorFromStatus, missingApiVersionHint, objectField } from '@switchyard/core/provider-kit';

export const anthropicAuthHint = 'Set apiKey (sent as x-api-key) in the settings or under providers.<name> in config.';

/** Anthropic's envelope: `{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}`. */
export function anthropicErrorOf(value: unknown): { type: string; message: string } | undefined {
  const error = objectField(objectField(value)?.error);
  if (typeof error?.type !== 'string') return undefined;
  return { type: error.type, message: typeof error.message === 'string' ? error.message : error.type };
}

/** An `error` event inside the stream, typed by its error type. */
export function streamErrorOf(error: { type: string; message: string }, provider: string): SwitchyardError {
  switch (error.type) {
    case 'rate_limit_error':
      return new RateLimitError({ provider, bodyExcerpt: error.message });
    case 'authentication_error':
    case 'permission_error':
      return new MissingAuthError({ provider, hint: anthropicAuthHint });
    default:
      return new UpstreamError({
        provider,
        upstreamMessage: `${error.type}: ${error.message}`,
        retryable: error.type === 'overloaded_error' || error.type === 'api_error',
      });
  }
}

/** Where an error body says more than its status; 429 and 5xx (529 included) keep the default, retryable mapping. */
export function mapAnthropicError(
  response: ErrorResponse,
  context: { provider: string; model: string; baseUrl: string },
): SwitchyardError | undefined {
  const { provider } = context;
  if (response.status === 401 || response.status === 403) {
    return new MissingAuthError({ provider, status: response.status, hint: anthropicAuthHint });
  }
  let error: { type: string; message: string } | undefined;
  try {
    error = anthropicErrorOf(JSON.parse(response.bodyText));
  } catch {
    error = undefined;
  }
  if (error?.type === 'not_found_error' && error.message.startsWith('model:')) {
    return new ModelNotSupportedError({ provider, model: context.model, supportedModels: [], detail: error.message });
  }
  // Any other 404 from a base URL without `/v1` is the URL's fault, whatever the body says.
  const hint = response.status === 404 ? missingApiVersionHint(context.baseUrl) : undefined;
  if (hint !== undefined) return errorFromStatus(response, { provider, hint });
  if (error?.type !== 'invalid_request_error') return undefined;
  return new InvalidRequestError({
    provider,
    issues: [{ path: 'request', message: `the server rejected it: ${error.message}` }],
  });
}
