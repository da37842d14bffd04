import { TimeoutError } from '@switchyard/core';
import { bounded } from './bounded.js';
import { describeValue, expectThat } from './check-outcome.js';
import type { ConformanceCheck } from './conformance-check.js';
import { streamOutcome } from './stream-outcome.js';

const shortTimeouts = { firstTokenMs: 150, idleMs: 150 };

export const timeoutChecks: readonly ConformanceCheck[] = [
  {
    name: 'timeouts.first-token',
    description: 'a server that never sends a token raises TimeoutError in the firstToken phase',
    async run({ target, provider, messages, boundMs }) {
      target.failNext({ kind: 'stall-before-first-token' });
      const outcome = await bounded(
        streamOutcome(provider({ timeouts: shortTimeouts }), messages),
        boundMs,
        'a stalled stream never timed out',
      );
      expectThat(
        TimeoutError.isInstance(outcome.error) && outcome.error.phase === 'firstToken',
        `a stall before the first token raised ${describeValue(outcome.error)}, expected TimeoutError (firstToken)`,
      );
    },
  },
  {
    name: 'timeouts.idle',
    description: 'a server that goes silent mid-stream raises TimeoutError in the idle phase',
    async run({ target, provider, messages, boundMs }) {
      target.failNext({ kind: 'stall-mid-stream', tokensBefore: ['so far'] });
      const outcome = await bounded(
        streamOutcome(provider({ timeouts: shortTimeouts }), messages),
        boundMs,
        'a stalled stream never timed out',
      );
      expectThat(
        TimeoutError.isInstance(outcome.error) && outcome.error.phase === 'idle',
        `a stall mid-stream raised ${describeValue(outcome.error)}, expected TimeoutError (idle)`,
      );
    },
  },
];
