import { AbortedError } from '@switchyard/core';
import { holdGate } from '../http/hold-gate.js';
import { bounded } from './bounded.js';
import { describeValue, expectThat } from './check-outcome.js';
import type { ConformanceCheck } from './conformance-check.js';
import { expectReleasedWhileHeld } from './settled-leftovers.js';
import { streamOutcome } from './stream-outcome.js';

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
          stream.next().then(
            (result) => ({ result, error: undefined }),
            (error: unknown) => ({ result: undefined, error }),
          ),
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
