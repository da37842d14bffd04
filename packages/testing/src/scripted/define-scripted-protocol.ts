import type { AnswerSummary, ProtocolErrorAnswer, ProtocolRequest, ScriptedProtocol } from './scripted-protocol.js';

/** The parts of a protocol a new provider's author writes; the rest has common defaults. */
export interface ScriptedProtocolParts {
  readonly name: string;
  /** The path a completion is asked at, e.g. `/v1/generate`. */
  readonly path: string;
  /** One answer's events, in the protocol's framing (an SSE event ends with a blank line). */
  readonly encode: {
    readonly text: (delta: string) => string;
    readonly error: (message: string) => string;
    readonly finish: (summary: AnswerSummary) => string;
    readonly reasoning?: ((delta: string) => string) | undefined;
    readonly start?: (() => string) | undefined;
    readonly keepAlive?: (() => string) | undefined;
  };
  /** How the key travels: a header name, written as `Bearer <key>` for `authorization`. Default `authorization`. */
  readonly keyHeader?: string | undefined;
  /** The JSON body of an error answer; `{"error": {"message": …}}` by default. */
  readonly errorBody?: ((status: number, message: string) => unknown) | undefined;
  /** Where the request names its model; `model` by default. */
  readonly modelField?: string | undefined;
}

/**
 * A `ScriptedProtocol` from the few things that make a protocol itself: its path and its
 * encoders. Requests authenticate with a key header, name their model in `model` (or the field
 * given), stream unless `stream: false`, and errors are JSON envelopes.
 */
export function defineScriptedProtocol(parts: ScriptedProtocolParts): ScriptedProtocol {
  const keyHeader = (parts.keyHeader ?? 'authorization').toLowerCase();
  const modelField = parts.modelField ?? 'model';
  const errorAnswer = (status: number, message = `HTTP ${status}`): ProtocolErrorAnswer => ({
    status,
    body: parts.errorBody?.(status, message) ?? { error: { message } },
  });
  return {
    name: parts.name,
    path: parts.path,
    modelField,
    authenticate(headers, apiKey) {
      const given = headers[keyHeader];
      const expected = keyHeader === 'authorization' ? `Bearer ${apiKey}` : apiKey;
      return given === expected ? undefined : errorAnswer(401, 'invalid or missing key');
    },
    readRequest(body, _headers, models): ProtocolRequest | ProtocolErrorAnswer {
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return errorAnswer(400, 'expected a JSON object');
      const json = body as Record<string, unknown>;
      const model = json[modelField];
      if (typeof model !== 'string') return errorAnswer(400, `${modelField} is required`);
      if (models.length > 0 && !models.includes(model)) return errorAnswer(404, `model ${model} not found`);
      return { model, stream: json.stream !== false, json };
    },
    errorAnswer,
    streamEncoder: () => ({
      start: parts.encode.start ?? (() => ''),
      text: parts.encode.text,
      reasoning: parts.encode.reasoning ?? parts.encode.text,
      error: parts.encode.error,
      finish: parts.encode.finish,
      ...(parts.encode.keepAlive === undefined ? {} : { keepAlive: parts.encode.keepAlive }),
      malformed: () => 'data: {"broken\n\n',
    }),
    completeBody: (_request, answer) => ({ text: answer.text, finishReason: answer.finishReason }),
  };
}
