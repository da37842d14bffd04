import {
  type ErrorResponse,
  InvalidRequestError,
  MissingAuthError,
  ModelNotSupportedError,
  type SwitchyardError,
} from '@switchyard/core';
import { z } from 'zod';

/** OpenAI's error envelope, which compatible servers copy: `{"error": {message, type, code}}`. */
export const openAIErrorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
});

export function openAIErrorOf(bodyText: string): z.infer<typeof openAIErrorBodySchema>['error'] | undefined {
  try {
    const parsed = openAIErrorBodySchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

export const openAIAuthHint =
  'Set apiKey (sent as a Bearer token) in the settings or under providers.<name> in config.';

/**
 * Where OpenAI's error body says more than the status: the auth hint, a missing model, a
 * rejected request. Rate limits and server errors keep the default mapping (with Retry-After).
 */
export function mapOpenAIError(
  response: ErrorResponse,
  context: { provider: string; model: string; models: readonly string[] },
): SwitchyardError | undefined {
  if (response.status === 401 || response.status === 403) {
    return new MissingAuthError({ provider: context.provider, status: response.status, hint: openAIAuthHint });
  }
  const error = openAIErrorOf(response.bodyText);
  if (error === undefined) return undefined;
  if (response.status === 404 && error.code === 'model_not_found') {
    return new ModelNotSupportedError({
      provider: context.provider,
      model: context.model,
      supportedModels: context.models,
      detail: error.message,
    });
  }
  if (response.status === 400 || response.status === 422) {
    return new InvalidRequestError({
      provider: context.provider,
      issues: [{ path: 'request', message: `the server rejected it: ${error.message}` }],
    });
  }
  return undefined;
}
