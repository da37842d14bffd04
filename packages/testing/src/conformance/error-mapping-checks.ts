import {
  MissingAuthError,
  ProtocolError,
  RateLimitError,
  StreamInterruptedError,
  SwitchyardError,
  UpstreamError,
} from '@switchyard/core';
import { bounded } from './bounded.js';
import { CheckSkipped, describeValue, expectThat } from './check-outcome.js';
import { closedPort } from './closed-port.js';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import type { ConformanceFault } from './conformance-subject.js';
import { type StreamOutcome, streamOutcome } from './stream-outcome.js';

async function outcomeOf(context: CheckContext, fault: ConformanceFault): Promise<StreamOutcome> {
  context.target.failNext(fault);
  return bounded(streamOutcome(context.provider(), context.messages), context.boundMs, 'the stream never settled');
}

export const errorMappingChecks: readonly ConformanceCheck[] = [
  {
    name: 'errors.auth',
    description: '401 and 403 raise MissingAuthError',
    async run(context) {
      for (const status of [401, 403]) {
        const outcome = await outcomeOf(context, { kind: 'status', status });
        expectThat(MissingAuthError.isInstance(outcome.error), `${status} raised ${describeValue(outcome.error)}`);
      }
    },
  },
  {
    name: 'errors.rate-limit',
    description: '429 raises a retryable RateLimitError with retryAfterMs from Retry-After',
    async run(context) {
      const outcome = await outcomeOf(context, { kind: 'status', status: 429, headers: { 'retry-after': '7' } });
      expectThat(RateLimitError.isInstance(outcome.error), `429 raised ${describeValue(outcome.error)}`);
      expectThat(outcome.error.retryAfterMs === 7000, `retryAfterMs is ${outcome.error.retryAfterMs}, expected 7000`);
      expectThat(outcome.error.retryable, 'the rate-limit error is not retryable');
    },
  },
  {
    name: 'errors.server-error',
    description: '5xx raises a retryable SwitchyardError',
    async run(context) {
      for (const status of [500, 502, 503]) {
        const outcome = await outcomeOf(context, { kind: 'status', status });
        expectThat(SwitchyardError.isInstance(outcome.error), `${status} raised ${describeValue(outcome.error)}`);
        expectThat(outcome.error.retryable, `${status} is not retryable`);
      }
    },
  },
  {
    name: 'errors.failure-after-setup',
    description: 'a 503 once the call holds resources upstream raises a retryable error and releases them',
    async run(context) {
      if (!context.target.hasLaterSteps) {
        // Failing "later" would fail the one request again: errors.server-error already covers that.
        throw new CheckSkipped(
          'the protocol makes one request per call: there is no later step, and its first request is errors.server-error',
        );
      }
      const outcome = await outcomeOf(context, { kind: 'status', status: 503, step: 'later' });
      expectThat(SwitchyardError.isInstance(outcome.error), `a late 503 raised ${describeValue(outcome.error)}`);
      expectThat(outcome.error.retryable, 'a late 503 is not retryable');
    },
  },
  {
    name: 'errors.connection-refused',
    description: 'a refused connection raises a retryable SwitchyardError',
    async run(context) {
      const port = await closedPort();
      const outcome = await bounded(
        streamOutcome(context.provider({ baseUrl: `http://127.0.0.1:${port}` }), context.messages),
        context.boundMs,
        'the stream never settled',
      );
      expectThat(
        SwitchyardError.isInstance(outcome.error),
        `a refused connection raised ${describeValue(outcome.error)}`,
      );
      expectThat(outcome.error.retryable, 'a refused connection is not retryable');
    },
  },
  {
    name: 'errors.malformed-stream',
    description: 'a malformed stream raises ProtocolError',
    async run(context) {
      const outcome = await outcomeOf(context, { kind: 'malformed', tokensBefore: ['ok'] });
      expectThat(ProtocolError.isInstance(outcome.error), `a malformed stream raised ${describeValue(outcome.error)}`);
    },
  },
  {
    name: 'errors.disconnect-mid-stream',
    description: 'a disconnect mid-stream raises an error carrying the partial text, never a short success',
    async run(context) {
      const outcome = await outcomeOf(context, { kind: 'drop-mid-stream', tokensBefore: ['half', ' an answer'] });
      expectThat(outcome.failed, `a cut stream ended as a success with ${describeValue(outcome.deltas.join(''))}`);
      expectThat(
        StreamInterruptedError.isInstance(outcome.error) && outcome.error.partialText === 'half an answer',
        `a cut stream raised ${describeValue(outcome.error)}, expected StreamInterruptedError with the partial text`,
      );
    },
  },
  {
    name: 'errors.upstream-error-event',
    description: 'an error event in the stream raises UpstreamError with its message',
    async run(context) {
      const outcome = await outcomeOf(context, {
        kind: 'upstream-error',
        tokensBefore: ['so far'],
        message: 'the model worker crashed',
      });
      expectThat(outcome.failed, `an error event ended as a success with ${describeValue(outcome.deltas.join(''))}`);
      expectThat(
        UpstreamError.isInstance(outcome.error) && outcome.error.upstreamMessage.includes('the model worker crashed'),
        `an error event raised ${describeValue(outcome.error)}, expected UpstreamError`,
      );
    },
  },
];
