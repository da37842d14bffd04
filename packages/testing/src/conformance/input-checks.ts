import { InvalidRequestError, type Messages } from '@switchyard/core';
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
];
