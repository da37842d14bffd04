import { z } from 'zod';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import type { HttpClient } from './http-client.js';

const modelListSchema = z.looseObject({ data: z.array(z.looseObject({ id: z.string() })) });

/**
 * A model the server refused, told again with the models it lists at `GET /models`, in the
 * shape OpenAI gave that list (`{ data: [{ id }] }`) and most APIs share. The list only adds to
 * the error, so a server without one leaves the error with `hint` alone.
 */
export async function withServedModels(
  http: HttpClient,
  error: ModelNotSupportedError,
  hint: string,
): Promise<ModelNotSupportedError> {
  const served = await http
    .json({ method: 'GET', path: '/models', schema: modelListSchema, what: 'the model list' })
    .then((list) => list.data.map((model) => model.id))
    .catch(() => []);
  return new ModelNotSupportedError({
    provider: error.provider,
    model: error.model,
    supportedModels: served,
    detail: error.detail,
    hint,
  });
}
