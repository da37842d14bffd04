import { type AnyProvider, type CallOptions, type Messages, TimeoutError, type TimeoutPhase } from '@switchyard/core';
import { bounded } from './bounded.js';
import { describeValue, expectThat } from './check-outcome.js';
import { coarseTimerSlackMs } from './coarse-timer-slack.js';
import type { ConformanceCheck } from './conformance-check.js';
import { expectReleasedWhileHeld } from './settled-leftovers.js';
import { streamOutcome } from './stream-outcome.js';

const shortTimeouts = { firstTokenMs: 150, idleMs: 150 };

// Each gap a quarter of the idle limit, the whole answer near four times it: generous on a
// loaded machine, and only an idle timer that restarts on every delta lets it through.
const steadyGapMs = 100;
const steadyIdleMs = 400;
const steadyTokens = Array.from({ length: 16 }, (_, index) => `slow${index} `);

const headersMs = 300;

const totalMs = 800;
// Fifty seconds of tokens: the server would still be sending long after any bound of the suite.
const endlessTokens = Array.from({ length: 1_000 }, (_, index) => `t${index} `);
const endlessGapMs = 50;

function expectTimedOut(error: unknown, phase: TimeoutPhase, what: string): void {
  expectThat(
    TimeoutError.isInstance(error) && error.phase === phase,
    `${what} raised ${describeValue(error)}, expected TimeoutError (${phase})`,
  );
}

/** createCompletion's error, or undefined when it answered. */
async function completionError(provider: AnyProvider, messages: Messages, options: CallOptions): Promise<unknown> {
  try {
    await provider.createCompletion(undefined, messages, options);
    return undefined;
  } catch (error) {
    return error;
  }
}

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
      expectTimedOut(outcome.error, 'firstToken', 'a stall before the first token');
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
      expectTimedOut(outcome.error, 'idle', 'a stall mid-stream');
    },
  },
  {
    name: 'timeouts.idle-restarts-on-delta',
    description:
      'the idle timer restarts on every delta: a steady answer whose gaps are each under idleMs, and whose whole is far over it, completes',
    async run({ target, provider, messages, boundMs }) {
      target.answerNext({ tokens: steadyTokens, tokenDelayMs: steadyGapMs });
      const outcome = await bounded(
        streamOutcome(provider({ timeouts: { idleMs: steadyIdleMs } }), messages),
        boundMs + steadyTokens.length * steadyGapMs,
        'a steady, slow answer never settled',
      );
      expectThat(
        !outcome.failed,
        `a steady answer with ${steadyGapMs} ms gaps and idleMs ${steadyIdleMs} failed: ${describeValue(outcome.error)}`,
      );
      const text = outcome.deltas.join('');
      expectThat(text === steadyTokens.join(''), `the slow answer came out as ${describeValue(text)}`);
    },
  },
  {
    name: 'timeouts.headers',
    description: 'a server that accepts the request and never sends headers raises TimeoutError in the headers phase',
    async run({ target, provider, messages, boundMs }) {
      target.failNext({ kind: 'stall-before-headers' });
      const outcome = await bounded(
        streamOutcome(provider({ timeouts: { headersMs } }), messages),
        headersMs + coarseTimerSlackMs + boundMs,
        'a request that never got headers never timed out',
      );
      expectTimedOut(outcome.error, 'headers', 'a server that never sent headers');
    },
  },
  {
    name: 'timeouts.total',
    description:
      'an answer still streaming when totalMs is up raises TimeoutError in the total phase and releases upstream',
    async run({ target, provider, messages, boundMs }) {
      target.answerNext({ tokens: endlessTokens, tokenDelayMs: endlessGapMs });
      const outcome = await bounded(
        streamOutcome(provider({ timeouts: { totalMs } }), messages),
        totalMs + boundMs,
        `the call outlived its total timeout of ${totalMs} ms`,
      );
      expectTimedOut(outcome.error, 'total', 'an answer longer than totalMs');
      // The server would go on sending for a long while: only the provider's release ends it.
      await expectReleasedWhileHeld(target, boundMs);
    },
  },
  {
    name: 'timeouts.per-call',
    description:
      'timeouts given per call, to createAsyncGenerator and createCompletion, win over the constructor defaults',
    async run({ target, provider, messages, boundMs }) {
      // Built with the defaults (a minute to the first token): only the per-call values can fire.
      const subject = provider();
      target.failNext({ kind: 'stall-before-first-token' });
      const streamed = await bounded(
        streamOutcome(subject, messages, { timeouts: shortTimeouts }),
        boundMs,
        'a stalled stream never timed out: the per-call timeouts of createAsyncGenerator are ignored',
      );
      expectTimedOut(streamed.error, 'firstToken', 'createAsyncGenerator with a per-call firstTokenMs on a stall');
      target.failNext({ kind: 'stall-mid-stream', tokensBefore: ['so far'] });
      const completed = await bounded(
        completionError(subject, messages, { timeouts: shortTimeouts }),
        boundMs,
        'a stalled completion never timed out: the per-call timeouts of createCompletion are ignored',
      );
      expectTimedOut(completed, 'idle', 'createCompletion with a per-call idleMs on a stall mid-stream');
    },
  },
];
