import { objectField } from '../provider-kit/parse-json-event.js';

/** What a server says of an error, whichever of the common shapes it came in. */
export interface ErrorEnvelope {
  readonly message: string;
  readonly type: string | undefined;
  readonly code: string | undefined;
}

const text = (field: unknown): string | undefined =>
  typeof field === 'string' || typeof field === 'number' ? String(field) : undefined;

/**
 * The error in a parsed body or event: OpenAI's `{"error": {message, type, code}}` (which most
 * compatible servers copy), `{"error": "…"}`, vLLM's flat `{"object": "error", message, …}`, and
 * Anthropic's `{"type": "error", "error": {type, message}}`. Undefined for anything else.
 */
export function errorEnvelopeOf(value: unknown): ErrorEnvelope | undefined {
  const body = objectField(value);
  const inner = body?.error;
  const error =
    typeof inner === 'string'
      ? { message: inner }
      : (objectField(inner) ?? (body?.object === 'error' ? body : undefined));
  if (error === undefined) return undefined;
  return { message: text(error.message) ?? JSON.stringify(error), type: text(error.type), code: text(error.code) };
}

/** The same, from a body's text; undefined when it is not JSON. */
export function errorEnvelopeFromText(bodyText: string): ErrorEnvelope | undefined {
  try {
    return errorEnvelopeOf(JSON.parse(bodyText));
  } catch {
    return undefined;
  }
}

/** Whether it says the model asked for does not exist there. */
export function isModelMissing(error: ErrorEnvelope): boolean {
  return (
    error.code === 'model_not_found' ||
    (error.type === 'not_found_error' && error.message.startsWith('model:')) ||
    /model.*(not found|does not exist)/i.test(error.message)
  );
}

/** Whether its type or code is one of these words. */
export function errorNames(error: ErrorEnvelope, ...words: string[]): boolean {
  return words.some((word) => error.code === word || error.type === word);
}
