import { MissingAuthError } from '@switchyard/core';
import { bounded } from './bounded.js';
import { CheckSkipped, describeValue, expectThat } from './check-outcome.js';
import type { ConformanceCheck } from './conformance-check.js';
import { streamOutcome } from './stream-outcome.js';

export const cookieChecks: readonly ConformanceCheck[] = [
  {
    name: 'cookies.per-call',
    description:
      'cookies given per call, to createAsyncGenerator and createCompletion, authenticate a provider built without credentials',
    async run({ target, provider, messages, boundMs }) {
      const { cookies, apiKey } = target.credentials;
      if (cookies === undefined) {
        throw new CheckSkipped(
          apiKey === undefined
            ? 'the provider does not authenticate with cookies'
            : 'the provider authenticates with an API key, which no call option carries; per-call cookies are for cookie-authenticated providers',
        );
      }
      const bare = provider({ credentials: {} });
      // Refused without them first: otherwise the cookies given below would prove nothing.
      const refused = await bounded(streamOutcome(bare, messages), boundMs, 'a call without credentials never settled');
      expectThat(
        MissingAuthError.isInstance(refused.error),
        `built without credentials and given none, it ${refused.failed ? `raised ${describeValue(refused.error)}` : 'was answered'}; expected MissingAuthError (does the subject's createProvider ignore the credentials it is given?)`,
      );
      target.answerNext({ tokens: ['per', ' call'] });
      const streamed = await bounded(
        streamOutcome(bare, messages, { cookies }),
        boundMs,
        'a call with per-call cookies never settled',
      );
      expectThat(
        !streamed.failed,
        `createAsyncGenerator with per-call cookies failed: ${describeValue(streamed.error)}`,
      );
      expectThat(streamed.deltas.join('') === 'per call', `it answered ${describeValue(streamed.deltas.join(''))}`);
      target.answerNext({ tokens: ['per', ' call'] });
      const completed = await bounded(
        bare.createCompletion(undefined, messages, { cookies }).then(
          (completion) => ({ text: completion.text, error: undefined }),
          (error: unknown) => ({ text: undefined, error }),
        ),
        boundMs,
        'a completion with per-call cookies never settled',
      );
      expectThat(
        completed.error === undefined,
        `createCompletion with per-call cookies failed: ${describeValue(completed.error)}`,
      );
      expectThat(completed.text === 'per call', `createCompletion answered ${describeValue(completed.text)}`);
    },
  },
];
