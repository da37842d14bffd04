import { isDeepStrictEqual } from 'node:util';
import { InvalidRequestError, type Message, type Messages } from '@switchyard/core';
import { bounded } from './bounded.js';
import { describeValue, expectThat } from './check-outcome.js';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import { streamOutcome } from './stream-outcome.js';

const badMessages: ReadonlyArray<[string, unknown, string]> = [
  ['messages that are not an array', 'Hello', 'messages'],
  ['an empty array', [], 'messages'],
  ['an unknown role', [{ role: 'robot', content: 'Hi' }], 'messages.0.role'],
  ['content that is not a string', [{ role: 'user', content: 42 }], 'messages.0.content'],
];

const badOptions: ReadonlyArray<[string, Record<string, unknown>, string]> = [
  ['an unknown option key', { definitelyNotAnOption: true }, 'options.definitelyNotAnOption'],
  ['a signal that is not an AbortSignal', { signal: 'stop' }, 'options.signal'],
  ['a malformed proxy', { proxy: 'not a url' }, 'options.proxy'],
  ['a negative timeout', { timeouts: { idleMs: -1 } }, 'options.timeouts.idleMs'],
];

async function expectRejectedBeforeRequest(
  context: CheckContext,
  label: string,
  messages: unknown,
  options: Record<string, unknown>,
  path: string,
): Promise<void> {
  const before = context.target.requests().length;
  const outcome = await streamOutcome(context.provider(), messages as Messages, options);
  expectThat(outcome.failed, `${label} was accepted`);
  expectThat(
    InvalidRequestError.isInstance(outcome.error),
    `${label} raised ${describeValue(outcome.error)}, expected InvalidRequestError`,
  );
  expectThat(
    outcome.error.message.includes(path),
    `${label}: the error does not name ${path}: ${outcome.error.message}`,
  );
  expectThat(context.target.requests().length === before, `${label} reached the server`);
}

/** The messages frozen all the way down: any write to them throws in strict-mode code. */
function deepFrozen(messages: Messages): Messages {
  return Object.freeze(messages.map((message) => Object.freeze({ ...message })));
}

async function completionOutcome(promise: Promise<{ readonly text: string }>) {
  return promise.then(
    (completion) => ({ text: completion.text, error: undefined }),
    (error: unknown) => ({ text: undefined, error }),
  );
}

export const inputChecks: readonly ConformanceCheck[] = [
  {
    name: 'input.invalid-messages',
    description: 'invalid messages are rejected with InvalidRequestError naming the field, before any request',
    async run(context) {
      for (const [label, messages, path] of badMessages) {
        await expectRejectedBeforeRequest(context, label, messages, {}, path);
      }
    },
  },
  {
    name: 'input.invalid-options',
    description:
      'unknown or mistyped options are rejected with InvalidRequestError naming the field, before any request',
    async run(context) {
      for (const [label, options, path] of badOptions) {
        await expectRejectedBeforeRequest(context, label, context.messages, options, path);
      }
    },
  },
  {
    name: 'input.messages-not-mutated',
    description:
      "the caller's messages are never changed: a deep-frozen array is served, and a plain one is left as it was",
    async run({ target, provider, messages, boundMs }) {
      target.answerNext({ tokens: ['frozen'] });
      const onFrozen = await bounded(
        streamOutcome(provider(), deepFrozen(messages)),
        boundMs,
        'a call on frozen messages never settled',
      );
      expectThat(
        !onFrozen.failed,
        `a deep-frozen messages array failed the call, so the provider writes to it: ${describeValue(onFrozen.error)}`,
      );
      // Written where a frozen array would not let it write, a change shows only on a plain copy.
      const plain: Message[] = structuredClone(messages) as Message[];
      const before = structuredClone(plain);
      target.answerNext({ tokens: ['plain'] });
      const onPlain = await bounded(
        completionOutcome(provider().createCompletion(undefined, plain)),
        boundMs,
        'a completion never settled',
      );
      expectThat(onPlain.error === undefined, `createCompletion failed: ${describeValue(onPlain.error)}`);
      expectThat(
        isDeepStrictEqual(plain, before),
        `the call changed the caller's messages from ${JSON.stringify(before)} to ${JSON.stringify(plain)}`,
      );
    },
  },
];
