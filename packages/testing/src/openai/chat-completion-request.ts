import { OpenAIRouteError } from './openai-error.js';

export interface ChatMessage {
  readonly role: string;
  readonly content: string;
}

/** What the emulator reads from a `/v1/chat/completions` body; the rest is only recorded. */
export interface ChatCompletionRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly stream: boolean;
  /** `stream_options.include_usage`: a final chunk carries the token counts. */
  readonly includeUsage: boolean;
}

/** The JSON type name OpenAI's validation errors use for `value`. */
function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const missing = (param: string): OpenAIRouteError =>
  new OpenAIRouteError(400, `Missing required parameter: '${param}'.`, { param, code: 'missing_required_parameter' });

const wrongType = (param: string, expected: string, value: unknown): OpenAIRouteError =>
  new OpenAIRouteError(
    400,
    `Invalid type for '${param}': expected ${expected}, but got ${jsonTypeName(value)} instead.`,
    { param, code: 'invalid_type' },
  );

const unparsable = new OpenAIRouteError(
  400,
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
);

function messageAt(value: unknown, index: number): ChatMessage {
  const param = `messages[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrongType(param, 'an object', value);
  }
  const { role, content } = value as Record<string, unknown>;
  if (role === undefined) throw missing(`${param}.role`);
  if (typeof role !== 'string') throw wrongType(`${param}.role`, 'a string', role);
  if (content === undefined) throw missing(`${param}.content`);
  if (typeof content !== 'string') throw wrongType(`${param}.content`, 'a string', content);
  return { role, content };
}

/**
 * Validates a parsed body in the order OpenAI does: the model's presence, then the messages,
 * then whether the model exists. `body` is undefined when it was not JSON at all.
 */
export function parseChatCompletionRequest(
  body: unknown,
  models: readonly string[],
  options: { readonly rejectsStreamOptions?: boolean | undefined } = {},
): ChatCompletionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unparsable;
  const fields = body as Record<string, unknown>;
  if (fields.model === undefined || fields.model === null || fields.model === '') {
    throw new OpenAIRouteError(400, 'you must provide a model parameter');
  }
  if (typeof fields.model !== 'string') throw wrongType('model', 'a string', fields.model);
  if (fields.messages === undefined) throw missing('messages');
  if (!Array.isArray(fields.messages)) throw wrongType('messages', 'an array of objects', fields.messages);
  if (fields.messages.length === 0) {
    throw new OpenAIRouteError(
      400,
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      { param: 'messages', code: 'empty_array' },
    );
  }
  const messages = fields.messages.map(messageAt);
  if (!models.includes(fields.model)) {
    throw new OpenAIRouteError(404, `The model \`${fields.model}\` does not exist or you do not have access to it.`, {
      code: 'model_not_found',
    });
  }
  const streamOptions = fields.stream_options;
  if (streamOptions !== undefined && options.rejectsStreamOptions === true) {
    // What OpenAI-compatible servers older than stream_options answer (Azure and vLLM did, before they learned it).
    throw new OpenAIRouteError(400, 'Unrecognized request argument supplied: stream_options', {
      param: 'stream_options',
    });
  }
  const includeUsage =
    typeof streamOptions === 'object' &&
    streamOptions !== null &&
    (streamOptions as Record<string, unknown>).include_usage === true;
  return { model: fields.model, messages, stream: fields.stream === true, includeUsage };
}
