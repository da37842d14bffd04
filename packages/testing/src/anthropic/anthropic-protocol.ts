import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type {
  AnswerSummary,
  ProtocolErrorAnswer,
  ProtocolRequest,
  ScriptedProtocol,
  StreamEncoder,
} from '../scripted/scripted-protocol.js';

/** Anthropic's error type for each status it answers with. */
const errorTypes: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const defaultMessages: Readonly<Record<string, string>> = {
  authentication_error: 'invalid x-api-key',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit.',
  api_error: 'Internal server error',
  overloaded_error: 'Overloaded',
};

const randomId = (prefix: string): string => `${prefix}_01${randomBytes(12).toString('base64url').slice(0, 22)}`;

function errorAnswer(status: number, message?: string): ProtocolErrorAnswer {
  const type = errorTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return {
    status,
    body: {
      type: 'error',
      error: { type, message: message ?? defaultMessages[type] ?? 'Invalid request' },
      request_id: randomId('req'),
    },
  };
}

const invalid = (message: string): ProtocolErrorAnswer => errorAnswer(400, message);

/** One SSE event as the Messages API writes it: its type as the event name, compact JSON as data. */
const event = (payload: { readonly type: string } & Record<string, unknown>): string =>
  `event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`;

const stopReasons = { stop: 'end_turn', length: 'max_tokens' } as const;

/** An answer's content blocks, opened as the kind of delta changes and closed before the next. */
function anthropicEncoder(request: ProtocolRequest): StreamEncoder {
  let index = -1;
  let open: 'text' | 'thinking' | undefined;
  const close = (): string => {
    if (open === undefined) return '';
    const signature =
      open === 'thinking'
        ? event({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: randomId('sig') } })
        : '';
    open = undefined;
    return `${signature}${event({ type: 'content_block_stop', index })}`;
  };
  const openBlock = (kind: 'text' | 'thinking'): string => {
    if (open === kind) return '';
    const closing = close();
    index += 1;
    open = kind;
    const block = kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' };
    return `${closing}${event({ type: 'content_block_start', index, content_block: block })}`;
  };
  return {
    start: () =>
      event({
        type: 'message_start',
        message: {
          id: randomId('msg'),
          type: 'message',
          role: 'assistant',
          model: request.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: Math.ceil(JSON.stringify(request.json.messages ?? '').length / 4), output_tokens: 1 },
        },
      }) + event({ type: 'ping' }),
    text: (text) =>
      `${openBlock('text')}${event({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } })}`,
    reasoning: (thinking) =>
      `${openBlock('thinking')}${event({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } })}`,
    error: (message) => event({ type: 'error', error: { type: 'api_error', message } }),
    finish: (summary: AnswerSummary) =>
      `${index === -1 ? openBlock('text') : ''}${close()}${event({
        type: 'message_delta',
        delta: { stop_reason: stopReasons[summary.finishReason], stop_sequence: null },
        usage: { output_tokens: summary.outputTokens },
      })}${event({ type: 'message_stop' })}`,
    keepAlive: () => event({ type: 'ping' }),
    malformed: () =>
      `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n`,
  };
}

function readRequest(body: unknown, headers: IncomingHttpHeaders, models: readonly string[]) {
  if (headers['anthropic-version'] === undefined) return invalid('anthropic-version: header is required');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid('There was an issue with your request body. It must be a JSON object.');
  }
  const json = body as Record<string, unknown>;
  if (typeof json.model !== 'string') return invalid('model: Field required');
  if (!Number.isInteger(json.max_tokens) || (json.max_tokens as number) < 1) {
    return invalid(
      json.max_tokens === undefined
        ? 'max_tokens: Field required'
        : 'max_tokens: Input should be a valid integer greater than 0',
    );
  }
  if (!Array.isArray(json.messages) || json.messages.length === 0)
    return invalid('messages: at least one message is required');
  for (const [position, message] of json.messages.entries()) {
    const role = (message as { role?: unknown } | null)?.role;
    if (role === 'system') {
      return invalid(
        'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
      );
    }
    if (role !== 'user' && role !== 'assistant')
      return invalid(`messages.${position}.role: Input should be 'user' or 'assistant'`);
    const content = (message as { content?: unknown }).content;
    if (typeof content === 'string' ? content === '' : !Array.isArray(content)) {
      return invalid(`messages.${position}: all messages must have non-empty content`);
    }
  }
  if (typeof json.temperature === 'number' && (json.temperature < 0 || json.temperature > 1)) {
    return invalid('temperature: range: 0..1');
  }
  if (models.length > 0 && !models.includes(json.model)) {
    return { status: 404, body: errorAnswer(404, `model: ${json.model}`).body };
  }
  return { model: json.model, stream: json.stream === true, json };
}

/** Anthropic's Messages API (`POST /v1/messages`), as the scripted emulator speaks it. */
export const anthropicProtocol: ScriptedProtocol = {
  name: 'Anthropic',
  path: '/v1/messages',
  authenticate(headers, apiKey) {
    const given = headers['x-api-key'];
    if (given === apiKey) return undefined;
    return errorAnswer(401, given === undefined ? 'x-api-key header is required' : 'invalid x-api-key');
  },
  readRequest,
  errorAnswer,
  streamEncoder: anthropicEncoder,
  completeBody: (request, answer) => ({
    id: randomId('msg'),
    type: 'message',
    role: 'assistant',
    model: request.model,
    content: [
      ...(answer.reasoning === ''
        ? []
        : [{ type: 'thinking', thinking: answer.reasoning, signature: randomId('sig') }]),
      { type: 'text', text: answer.text },
    ],
    stop_reason: stopReasons[answer.finishReason],
    stop_sequence: null,
    usage: { input_tokens: answer.inputTokens, output_tokens: answer.outputTokens },
  }),
};
