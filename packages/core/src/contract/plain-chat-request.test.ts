import { describe, expect, it } from 'vitest';
import { callOptionsSchema, chatRequestSchema } from './chat-request.js';
import { messagesSchema } from './message.js';
import { isPlainCallOptions, isPlainChatRequest, isPlainMessages } from './plain-chat-request.js';

const user = { role: 'user', content: 'Hi' };
const inherited = Object.assign(Object.create({ extra: 1 }) as object, user);
const messageCandidates: unknown[] = [
  [user],
  [{ role: 'system', content: '' }, user, { role: 'assistant', content: 'Hello' }],
  [],
  [{ role: 'tool', content: 'x' }],
  [{ role: 'user', content: 1 }],
  [{ role: 'user' }],
  [{ role: 'user', content: 'x', name: 'me' }],
  [{ role: 'user', content: 'x', extra: undefined }],
  [inherited],
  [Object.assign(Object.create(null) as object, user)],
  // biome-ignore lint/suspicious/noSparseArray: a hole is a missing message
  [, user],
  [null],
  ['Hi'],
  'Hi',
  { 0: user, length: 1 },
  undefined,
];
const optionCandidates: unknown[] = [
  {},
  { signal: new AbortController().signal },
  { signal: undefined, onAttempt: () => undefined, onWarning: () => undefined },
  { signal: 'abort' },
  { onAttempt: 'log' },
  { temperature: 0.5 },
  { temprature: 0.5 },
  Object.create({ signal: undefined }),
  null,
  [],
  new (class Options {})(),
];

describe('the plain request shape', () => {
  it.each(messageCandidates)('accepts messages %j only where the schema does', (messages) => {
    if (isPlainMessages(messages)) expect(messagesSchema.safeParse(messages).success).toBe(true);
  });

  it.each(optionCandidates)('accepts options %j only where the schema does', (options) => {
    if (isPlainCallOptions(options)) expect(callOptionsSchema.safeParse(options).success).toBe(true);
  });

  it('accepts a request only where the schema does, over every combination', () => {
    let accepted = 0;
    for (const messages of messageCandidates) {
      for (const options of optionCandidates) {
        for (const model of [undefined, 'gpt-4o-mini', 4, null]) {
          const request =
            typeof options === 'object' && options !== null ? { ...options, messages, model } : { messages, model };
          if (!isPlainChatRequest(request)) continue;
          accepted++;
          expect(chatRequestSchema.safeParse(request).success).toBe(true);
        }
      }
    }
    // The fast path does take the common calls.
    expect(accepted).toBeGreaterThan(10);
  });

  it('takes the calls nearly every app makes', () => {
    const signal = new AbortController().signal;
    expect(isPlainChatRequest({ messages: [user] })).toBe(true);
    expect(isPlainChatRequest({ model: 'gpt-4o-mini', messages: [user], signal, onAttempt: () => undefined })).toBe(
      true,
    );
    expect(isPlainMessages([user])).toBe(true);
    expect(isPlainCallOptions({})).toBe(true);
  });

  it('leaves everything else to the schema, which names what is wrong', () => {
    expect(isPlainChatRequest({ messages: [user], temperature: 0.2 })).toBe(false);
    expect(isPlainChatRequest({ messages: [user], providerOptions: {} })).toBe(false);
    expect(isPlainChatRequest({ messages: [user], model: 4 })).toBe(false);
    expect(isPlainChatRequest({ messages: [inherited] })).toBe(false);
  });
});
