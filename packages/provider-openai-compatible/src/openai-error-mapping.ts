import {
  InvalidRequestError,
  MissingAuthError,
  ModelNotSupportedError,
  RateLimitError,
  type SwitchyardError,
  UpstreamError,
} from '@switchyard/core';
import { type ErrorResponse, errorFromStatus, missingApiVersionHint, objectField } from '@switchyard/core/provider-kit';

export const openAIAuthHint =
  'Set apiKey (sent as a Bearer token) in the settings or under providers.<name> in config.';

/** What an error body says, whichever of the shapes servers use it came in. */
export interface OpenAIErrorBody {
  readonly message: string;
  readonly type: string | undefined;
  readonly code: string | undefined;
}

/** OpenAI's `{"error": {message, type, code}}`, vLLM's flat `{"object": "error", …}`, or `{"error": "…"}`. */
export function openAIErrorOf(value: unknown): OpenAIErrorBody | undefined {
  const body = objectField(value);
  const inner = body?.error;
  const error =
    typeof inner === 'string'
      ? { message: inner }
      : (objectField(inner) ?? (body?.object === 'error' ? body : undefined));
  if (error === undefined) return undefined;
  const text = (field: unknown) => (typeof field === 'string' || typeof field === 'number' ? String(field) : undefined);
  return { message: text(error.message) ?? JSON.stringify(error), type: text(error.type), code: text(error.code) };
}

const isModelMissing = (error: OpenAIErrorBody) =>
  error.code === 'model_not_found' || /model.*(not found|does not exist)/i.test(error.message);
const names = (error: OpenAIErrorBody, ...words: string[]) =>
  words.some((word) => error.code === word || error.type === word);

/** An error event inside the stream, typed by its code or type; what nothing names stays an `UpstreamError`. */
export function streamErrorOf(error: OpenAIErrorBody, context: { provider: string; model: string }): SwitchyardError {
  const { provider } = context;
  if (names(error, 'invalid_api_key', 'authentication_error', '401')) {
    return new MissingAuthError({ provider, hint: openAIAuthHint });
  }
  if (names(error, 'rate_limit_exceeded', 'rate_limit_error', '429')) {
    return new RateLimitError({ provider, bodyExcerpt: error.message });
  }
  if (isModelMissing(error)) {
    return new ModelNotSupportedError({ provider, model: context.model, supportedModels: [], detail: error.message });
  }
  const retryable = names(error, 'server_error', 'overloaded_error', 'service_unavailable', '500', '502', '503');
  return new UpstreamError({ provider, upstreamMessage: error.message, retryable });
}

function errorBodyOf(bodyText: string): OpenAIErrorBody | undefined {
  try {
    return openAIErrorOf(JSON.parse(bodyText));
  } catch {
    return undefined;
  }
}

/**
 * Where an error response's body says more than its status; rate limits and 5xx keep the default
 * mapping. A 404 that is no missing model, from a base URL without `/v1`, says how to fix the URL.
 */
export function mapOpenAIError(
  response: ErrorResponse,
  context: { provider: string; model: string; baseUrl: string },
): SwitchyardError | undefined {
  const { provider } = context;
  if (response.status === 401 || response.status === 403) {
    return new MissingAuthError({ provider, status: response.status, hint: openAIAuthHint });
  }
  const error = errorBodyOf(response.bodyText);
  if (response.status === 404) {
    if (error !== undefined && isModelMissing(error)) {
      return new ModelNotSupportedError({ provider, model: context.model, supportedModels: [], detail: error.message });
    }
    const hint = missingApiVersionHint(context.baseUrl);
    if (hint !== undefined) return errorFromStatus(response, { provider, hint });
  }
  if (error === undefined) return undefined;
  if (response.status !== 400 && response.status !== 422) return undefined;
  return new InvalidRequestError({
    provider,
    issues: [{ path: 'request', message: `the server rejected it: ${error.message}` }],
  });
}
