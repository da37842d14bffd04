import { holdGate } from '../http/hold-gate.js';
import { bounded } from './bounded.js';
import { describeValue, expectThat } from './check-outcome.js';
import type { ConformanceCheck } from './conformance-check.js';
import { streamOutcome } from './stream-outcome.js';

const mixedTokens = ['Hello', ', ', 'wörld', ' — ', '東京', ' 👋🏽', ' done.'];

export const streamingChecks: readonly ConformanceCheck[] = [
  {
    name: 'streaming.yields-strings',
    description: 'the stream yields only strings, at least one of them non-empty',
    async run({ target, provider, messages }) {
      target.answerNext({ tokens: mixedTokens });
      const outcome = await streamOutcome(provider(), messages);
      expectThat(!outcome.failed, `the stream failed: ${describeValue(outcome.error)}`);
      const wrong = outcome.deltas.find((delta) => typeof delta !== 'string');
      expectThat(wrong === undefined, `the stream yielded ${describeValue(wrong)} (${typeof wrong}), expected strings`);
      expectThat(
        outcome.deltas.some((delta) => delta !== ''),
        'the stream yielded no non-empty delta',
      );
    },
  },
  {
    name: 'streaming.incremental',
    description: 'the first delta arrives while the server is still holding back the rest',
    async run({ target, provider, messages, boundMs }) {
      const { held, release } = holdGate();
      target.answerNext({ tokens: ['first', ' second', ' third'], holdAfterFirst: held });
      const stream = provider().createAsyncGenerator(undefined, messages);
      try {
        const first = await bounded(
          stream.next(),
          boundMs,
          'no delta arrived while the server held back the rest: the provider buffers the stream',
        );
        expectThat(first.done !== true, 'the stream ended before the first delta');
        expectThat(first.value === 'first', `the first delta was ${describeValue(first.value)}, expected "first"`);
        release();
        let rest = '';
        for (let next = await stream.next(); next.done !== true; next = await stream.next()) rest += next.value;
        expectThat(rest === ' second third', `the rest was ${describeValue(rest)}`);
      } finally {
        release();
        await stream.return(undefined).catch(() => undefined);
      }
    },
  },
  {
    name: 'streaming.text-equals-content',
    description: "the joined deltas equal the server's text exactly, non-ASCII and emoji included",
    async run({ target, provider, messages }) {
      target.answerNext({ tokens: mixedTokens });
      const outcome = await streamOutcome(provider(), messages);
      expectThat(!outcome.failed, `the stream failed: ${describeValue(outcome.error)}`);
      const text = outcome.deltas.join('');
      expectThat(
        text === mixedTokens.join(''),
        `joined ${describeValue(text)}, expected ${describeValue(mixedTokens.join(''))}`,
      );
    },
  },
  {
    name: 'streaming.completion-equals-stream',
    description: 'createCompletion returns the same text as the joined stream, and names the provider',
    async run({ target, provider, messages, subject }) {
      target.answerNext({ tokens: mixedTokens });
      target.answerNext({ tokens: mixedTokens });
      const subjectProvider = provider();
      const streamed = (await streamOutcome(subjectProvider, messages)).deltas.join('');
      const completion = await subjectProvider.createCompletion(undefined, messages);
      expectThat(
        completion.text === streamed,
        `createCompletion gave ${describeValue(completion.text)}, the stream ${describeValue(streamed)}`,
      );
      expectThat(completion.provider === subject.name, `createCompletion named ${describeValue(completion.provider)}`);
    },
  },
];
