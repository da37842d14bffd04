import type { Message, StandardSettings } from '@switchyard/core';
import { invalidParam } from './gateway-http-error.js';

/** A `/v1/chat/completions` body as the gateway serves it: what it maps onto Switchyard's request object. */
export interface ChatCompletionRequest {
  readonly model: string;
  readonly messages: readonly Message[];
  readonly stream: boolean;
  /** `stream_options.include_usage`: a last chunk carries the token counts. */
  readonly includeUsage: boolean;
  readonly settings: StandardSettings;
}

type Fields = Readonly<Record<string, unknown>>;

/** Fields that describe the caller, not the answer: accepted and not passed on. */
const ignoredFields = new Set(['user', 'metadata', 'safety_identifier', 'prompt_cache_key', 'service_tier', 'store']);

/**
 * Fields the gateway cannot honour, accepted only at the value that asks for nothing (what SDKs
 * send by default). Any other value is a 400 naming the field: a request is never answered as if
 * it had not asked.
 */
const neutralValues: Readonly<Record<string, (value: unknown) => boolean>> = {
  n: (value) => value === 1,
  frequency_penalty: (value) => value === 0,
  presence_penalty: (value) => value === 0,
  logprobs: (value) => value === false,
  top_logprobs: (value) => value === 0,
  logit_bias: (value) => isObject(value) && Object.keys(value).length === 0,
  tools: (value) => Array.isArray(value) && value.length === 0,
  functions: (value) => Array.isArray(value) && value.length === 0,
  tool_choice: (value) => value === 'none' || value === 'auto',
  function_call: (value) => value === 'none' || value === 'auto',
  parallel_tool_calls: (value) => typeof value === 'boolean',
  response_format: (value) => isObject(value) && value.type === 'text',
  modalities: (value) => Array.isArray(value) && value.length === 1 && value[0] === 'text',
};

const handledFields = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'seed',
]);

const messageRoles: Readonly<Record<string, Message['role']>> = {
  system: 'system',
  // OpenAI's newer name for system instructions.
  developer: 'system',
  user: 'user',
  assistant: 'assistant',
};

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type name OpenAI's validation messages use. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const wrongType = (param: string, expected: string, value: unknown) =>
  invalidParam(
    param,
    `Invalid type for '${param}': expected ${expected}, but got ${jsonType(value)} instead.`,
    'invalid_type',
  );

const outOfRange = (param: string, expected: string, value: unknown) =>
  invalidParam(
    param,
    `Invalid value for '${param}': expected ${expected}, but got ${JSON.stringify(value)}.`,
    'invalid_value',
  );

const unsupported = (param: string, what: string) =>
  invalidParam(param, `'${param}' is not supported by this gateway: ${what}.`, 'unsupported_parameter');

/** `fields[key]`, with null read as absent as OpenAI reads it. */
function optional(fields: Fields, key: string): unknown {
  const value = fields[key];
  return value === null ? undefined : value;
}

function numberIn(fields: Fields, key: string, accepts: (value: number) => boolean, range: string): number | undefined {
  const value = optional(fields, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(key, 'a number', value);
  if (!accepts(value)) throw outOfRange(key, range, value);
  return value;
}

function positiveInteger(fields: Fields, key: string): number | undefined {
  return numberIn(fields, key, (number) => Number.isInteger(number) && number > 0, 'a positive integer');
}

function textOfContent(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  if (content === undefined || content === null) {
    throw invalidParam(param, `Missing required parameter: '${param}'.`, 'missing_required_parameter');
  }
  if (!Array.isArray(content)) throw wrongType(param, 'a string or an array of content parts', content);
  return content
    .map((part: unknown, index) => {
      const at = `${param}[${index}]`;
      if (!isObject(part)) throw wrongType(at, 'an object', part);
      if (part.type !== 'text') {
        throw unsupported(`${at}.type`, `only text content is served, not ${JSON.stringify(part.type)}`);
      }
      if (typeof part.text !== 'string') throw wrongType(`${at}.text`, 'a string', part.text);
      return part.text;
    })
    .join('');
}

function messageAt(value: unknown, index: number): Message {
  const param = `messages[${index}]`;
  if (!isObject(value)) throw wrongType(param, 'an object', value);
  const { role } = value;
  if (role === undefined) throw invalidParam(`${param}.role`, `Missing required parameter: '${param}.role'.`);
  if (typeof role !== 'string') throw wrongType(`${param}.role`, 'a string', role);
  const mapped = Object.hasOwn(messageRoles, role) ? messageRoles[role] : undefined;
  if (mapped === undefined) {
    throw unsupported(
      `${param}.role`,
      `only system, developer, user and assistant messages are served, not ${JSON.stringify(role)}`,
    );
  }
  for (const key of ['tool_calls', 'function_call', 'audio'] as const) {
    const given = value[key];
    if (given !== undefined && given !== null && !(Array.isArray(given) && given.length === 0)) {
      throw unsupported(`${param}.${key}`, 'tools and audio are not served');
    }
  }
  return { role: mapped, content: textOfContent(value.content, `${param}.content`) };
}

function stopSequences(fields: Fields): readonly string[] | undefined {
  const value = optional(fields, 'stop');
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    throw wrongType('stop', 'a string or an array of strings', value);
  }
  if (list.some((item) => item === '')) throw outOfRange('stop', 'non-empty strings', value);
  return list.length === 0 ? undefined : (list as string[]);
}

function streamOptions(fields: Fields, stream: boolean): boolean {
  const value = optional(fields, 'stream_options');
  if (value === undefined) return false;
  if (!isObject(value)) throw wrongType('stream_options', 'an object', value);
  if (!stream) {
    throw invalidParam(
      'stream_options',
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      'invalid_value',
    );
  }
  const includeUsage = value.include_usage;
  if (includeUsage !== undefined && includeUsage !== null && typeof includeUsage !== 'boolean') {
    throw wrongType('stream_options.include_usage', 'a boolean', includeUsage);
  }
  return includeUsage === true;
}

function checkOtherFields(fields: Fields): void {
  for (const [key, value] of Object.entries(fields)) {
    if (handledFields.has(key) || ignoredFields.has(key) || value === null || value === undefined) continue;
    const isNeutral = Object.hasOwn(neutralValues, key) ? neutralValues[key] : undefined;
    if (isNeutral === undefined) {
      throw invalidParam(key, `Unrecognized request argument supplied: ${key}`, 'unsupported_parameter');
    }
    if (!isNeutral(value)) throw unsupported(key, `this value (${JSON.stringify(value)}) cannot be honoured`);
  }
}

/**
 * Validates a parsed body in OpenAI's words and maps it onto Switchyard's request settings. Each
 * rejection is a 400 naming the `param`, before any provider is asked.
 */
export function parseChatCompletionRequest(
  body: unknown,
  limits: { readonly maxMessages: number },
): ChatCompletionRequest {
  if (!isObject(body)) throw wrongType('body', 'an object', body);
  const model = body.model;
  if (model === undefined || model === null || model === '') {
    throw invalidParam('model', 'you must provide a model parameter', 'missing_required_parameter');
  }
  if (typeof model !== 'string') throw wrongType('model', 'a string', model);
  const rawMessages = body.messages;
  if (rawMessages === undefined || rawMessages === null) {
    throw invalidParam('messages', "Missing required parameter: 'messages'.", 'missing_required_parameter');
  }
  if (!Array.isArray(rawMessages)) throw wrongType('messages', 'an array of objects', rawMessages);
  if (rawMessages.length === 0) {
    throw invalidParam(
      'messages',
      "Invalid 'messages': empty array. Expected an array with minimum length 1.",
      'empty_array',
    );
  }
  if (rawMessages.length > limits.maxMessages) {
    throw invalidParam(
      'messages',
      `Invalid 'messages': ${rawMessages.length} messages, more than this gateway's limit of ${limits.maxMessages}.`,
      'array_above_max_length',
    );
  }
  const messages = rawMessages.map(messageAt);
  const streamValue = optional(body, 'stream');
  if (streamValue !== undefined && typeof streamValue !== 'boolean')
    throw wrongType('stream', 'a boolean', streamValue);
  const stream = streamValue === true;
  const includeUsage = streamOptions(body, stream);
  checkOtherFields(body);
  // Both are checked; the newer name wins when a client sends both.
  const maxCompletionTokens = positiveInteger(body, 'max_completion_tokens');
  const maxTokens = positiveInteger(body, 'max_tokens');
  const settings: Record<string, unknown> = {
    temperature: numberIn(body, 'temperature', (value) => value >= 0 && value <= 2, 'a number from 0 to 2'),
    topP: numberIn(body, 'top_p', (value) => value > 0 && value <= 1, 'a number above 0 and at most 1'),
    maxOutputTokens: maxCompletionTokens ?? maxTokens,
    stopSequences: stopSequences(body),
    seed: numberIn(body, 'seed', Number.isInteger, 'an integer'),
  };
  for (const key of Object.keys(settings)) if (settings[key] === undefined) delete settings[key];
  return { model, messages, stream, includeUsage, settings: settings as StandardSettings };
}
