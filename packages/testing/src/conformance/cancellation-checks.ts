import { AbortedError } from '@switchyard/core';
import { holdGate } from '../http/hold-gate.js';
import { bounded } from './bounded.js';
import { CheckFailure, describeValue, expectThat } from './check-outcome.js';
import type { ConformanceCheck } from './conformance-check.js';
import type { ConformanceTarget } from './conformance-subject.js';
import { expectReleasedWhileHeld } from './settled-leftovers.js';
import { streamOutcome } from './stream-outcome.js';
import { waitUntil } from './wait-until.js';

interface Settled<T> {
  readonly result: T | undefined;
  readonly error: unknown;
}

function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (result) => ({ result, error: undefined }),
    (error: unknown) => ({ result: undefined, error }),
  );
}

/** Resolves once the server holds an answer stream open; fails if the call ends first or `boundMs` passes. */
async function answerStreamOpened(
  target: ConformanceTarget,
  call: Promise<Settled<unknown>>,
  boundMs: number,
): Promise<void> {
  let ended: Settled<unknown> | undefined;
  void call.then((outcome) => {
    ended = outcome;
  });
  const settledOrOpened = await waitUntil(() => target.openStreams() > 0 || ended !== undefined, boundMs);
  if (!settledOrOpened) throw new CheckFailure(`the server never opened the answer stream (waited ${boundMs} ms)`);
  if (target.openStreams() === 0 && ended !== undefined) {
    throw new CheckFailure(
      `the call ended before the server opened the answer stream: ${describeValue(ended.error ?? ended.result)}`,
    );
  }
}

export const cancellationChecks: readonly ConformanceCheck[] = [
  {
    name: 'cancellation.already-aborted',
    description: 'an already-aborted signal rejects with AbortedError and makes no request',
    async run({ target, provider, messages }) {
      const controller = new AbortController();
      controller.abort();
      const outcome = await streamOutcome(provider(), messages, { signal: controller.signal });
      expectThat(
        AbortedError.isInstance(outcome.error),
        `it raised ${describeValue(outcome.error)}, expected AbortedError`,
      );
      expectThat(target.requests().length === 0, `${target.requests().length} request(s) reached the server`);
    },
  },
  {
    name: 'cancellation.abort-before-first-token',
    description:
      'an abort while the server holds back the first token settles at once with AbortedError, and releases upstream',
    async run({ target, provider, messages, boundMs }) {
      // The stream opens and no token ever comes: only the abort can end the call.
      target.failNext({ kind: 'stall-before-first-token' });
      const controller = new AbortController();
      const stream = provider().createAsyncGenerator(undefined, messages, { signal: controller.signal });
      const first = settled(stream.next());
      try {
        await answerStreamOpened(target, first, boundMs);
        controller.abort();
        const after = await bounded(
          first,
          boundMs,
          'the stream did not settle after an abort before the first token: the signal is ignored while waiting',
        );
        expectThat(
          AbortedError.isInstance(after.error),
          `after the abort it gave ${describeValue(after.error ?? after.result?.value)}, expected AbortedError`,
        );
        await expectReleasedWhileHeld(target, boundMs);
      } finally {
        await bounded(stream.return(undefined), boundMs, 'the stream did not close').catch(() => undefined);
      }
    },
  },
  {
    name: 'cancellation.abort-mid-stream',
    description: 'an abort mid-stream settles with AbortedError while the server still holds, and releases upstream',
    async run({ target, provider, messages, boundMs }) {
      const { held, release } = holdGate();
      target.answerNext({ tokens: ['first', ' never'], holdAfterFirst: held });
      const controller = new AbortController();
      const stream = provider().createAsyncGenerator(undefined, messages, { signal: controller.signal });
      try {
        const first = await bounded(stream.next(), boundMs, 'no first delta arrived');
        expectThat(first.done !== true, 'the stream ended before the first delta');
        // The server holds the rest back: only the abort can end the stream now.
        controller.abort();
        const after = await bounded(
          settled(stream.next()),
          boundMs,
          'the stream did not settle after the abort: the signal is ignored',
        );
        expectThat(
          AbortedError.isInstance(after.error),
          `after the abort it gave ${describeValue(after.error ?? after.result?.value)}, expected AbortedError`,
        );
        await expectReleasedWhileHeld(target, boundMs);
      } finally {
        release();
        await bounded(stream.return(undefined), boundMs, 'the stream did not close').catch(() => undefined);
      }
    },
  },
  {
    name: 'cancellation.break-releases',
    description: "a consumer's break after the first delta releases the upstream resource",
    async run({ target, provider, messages, boundMs }) {
      const { held, release } = holdGate();
      target.answerNext({ tokens: ['first', ' never'], holdAfterFirst: held });
      try {
        const stream = provider().createAsyncGenerator(undefined, messages);
        const first = await bounded(stream.next(), boundMs, 'no first delta arrived');
        expectThat(first.done !== true, 'the stream ended before the first delta');
        await bounded(stream.return(undefined), boundMs, 'return() (a break) did not settle while the server held');
        await expectReleasedWhileHeld(target, boundMs);
      } finally {
        release();
      }
    },
  },
];
