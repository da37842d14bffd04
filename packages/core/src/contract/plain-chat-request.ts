import type { CallOptions, ChatRequest } from './chat-request.js';
import type { Messages } from './message.js';

/**
 * The shape nearly every call has, recognised without the schema: messages, and perhaps a model,
 * a signal and listeners. Walking zod's schema costs tens of microseconds on a cold cache (the
 * state a process is in when a request arrives), a noticeable share of the time to first token;
 * these checks cost one pass over the messages, and `copyOfMessages` one more. They only ever
 * accept what the schema accepts: anything else (settings, timeouts, cookies, a proxy, provider
 * options, any doubt) goes through the schema, which also names what is wrong.
 */
const plainOptionKeys: ReadonlySet<string> = new Set(['signal', 'onAttempt', 'onWarning']);
const plainRequestKeys: ReadonlySet<string> = new Set([...plainOptionKeys, 'messages', 'model']);
const roles: ReadonlySet<unknown> = new Set(['system', 'user', 'assistant']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Own keys all among `keys`; an inherited enumerable key is a doubt, left to the schema. */
function hasOnlyKeys(value: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key) || !Object.hasOwn(value, key)) return false;
  return true;
}

function isPlainMessage(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  let count = 0;
  for (const key in value) {
    if ((key !== 'role' && key !== 'content') || !Object.hasOwn(value, key)) return false;
    count++;
  }
  return count === 2 && roles.has(value.role) && typeof value.content === 'string';
}

export function isPlainMessages(value: unknown): value is Messages {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (let index = 0; index < value.length; index++) if (!isPlainMessage(value[index])) return false;
  return true;
}

function hasPlainOptionValues(value: Record<string, unknown>): boolean {
  const { signal, onAttempt, onWarning } = value;
  return (
    (signal === undefined || signal instanceof AbortSignal) &&
    (onAttempt === undefined || typeof onAttempt === 'function') &&
    (onWarning === undefined || typeof onWarning === 'function')
  );
}

/** Call options of a signal and listeners only (or none). */
export function isPlainCallOptions(value: unknown): value is CallOptions {
  return isPlainObject(value) && hasOnlyKeys(value, plainOptionKeys) && hasPlainOptionValues(value);
}

/**
 * The messages as the schema would hand them on: new objects in a frozen array, so a provider
 * cannot change the caller's, nor the caller a call in progress.
 */
export function copyOfMessages(messages: Messages): Messages {
  return Object.freeze(messages.map(({ role, content }) => ({ role, content })));
}

export function isPlainChatRequest(value: unknown): value is ChatRequest {
  return (
    isPlainObject(value) &&
    hasOnlyKeys(value, plainRequestKeys) &&
    (value.model === undefined || typeof value.model === 'string') &&
    hasPlainOptionValues(value) &&
    isPlainMessages(value.messages)
  );
}
