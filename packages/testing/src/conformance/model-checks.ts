import { isDeepStrictEqual } from 'node:util';
import { ModelNotSupportedError } from '@switchyard/core';
import { bounded } from './bounded.js';
import { CheckSkipped, describeValue, expectThat } from './check-outcome.js';
import type { ConformanceCheck } from './conformance-check.js';
import { streamOutcome } from './stream-outcome.js';

export const modelChecks: readonly ConformanceCheck[] = [
  {
    name: 'models.default',
    description: 'with no model given, the default model answers',
    async run({ target, provider, messages }) {
      target.answerNext({ tokens: ['default'] });
      const completion = await provider().createCompletion(undefined, messages);
      expectThat(completion.text === 'default', `the answer was ${describeValue(completion.text)}`);
      expectThat(
        completion.model === provider().defaultModel,
        `the completion names model ${describeValue(completion.model)}`,
      );
    },
  },
  {
    name: 'models.alias',
    description: 'an alias resolves to its model',
    async run({ target, provider, messages }) {
      const subject = provider();
      const [alias, model] = Object.entries(subject.modelAliases)[0] ?? [];
      if (alias === undefined || model === undefined) throw new CheckSkipped('the provider declares no model aliases');
      target.answerNext({ tokens: ['aliased'] });
      const completion = await subject.createCompletion(alias, messages);
      expectThat(
        completion.model === model,
        `alias ${alias} resolved to ${describeValue(completion.model)}, expected ${model}`,
      );
    },
  },
  {
    name: 'models.on-the-wire',
    description:
      "the server is asked for the requested model: the default, another listed model and each alias's target, as the server recorded it",
    async run({ target, provider, messages, boundMs }) {
      const subject = provider();
      const other = subject.models.find((model) => model !== subject.defaultModel);
      // What the caller asks for, and what the server must then be asked for.
      const asks: ReadonlyArray<readonly [string | undefined, string]> = [
        [undefined, subject.defaultModel],
        ...(other === undefined ? [] : [[other, other] as const]),
        ...Object.entries(subject.modelAliases),
      ];
      for (const [asked] of asks) {
        target.answerNext({ tokens: ['ok'] });
        const outcome = await bounded(streamOutcome(subject, messages, {}, asked), boundMs, 'the stream never settled');
        expectThat(
          !outcome.failed,
          `asking for ${asked ?? 'the default model'} failed: ${describeValue(outcome.error)}`,
        );
      }
      const expected = asks.map(([, model]) => model);
      const onTheWire = target.requestedModels();
      expectThat(
        isDeepStrictEqual(onTheWire, expected),
        `asked for ${asks.map(([asked]) => asked ?? '(default)').join(', ')}, the server was asked for ${onTheWire.join(', ')}; expected ${expected.join(', ')}`,
      );
    },
  },
  {
    name: 'models.unknown',
    description: 'an unknown model raises ModelNotSupportedError listing the valid ones, before any request',
    async run({ target, provider, messages }) {
      const subject = provider();
      if (subject.models.length === 0) throw new CheckSkipped('the provider accepts any model name');
      const outcome = await streamOutcome(subject, messages, {}, 'no-such-model-anywhere');
      expectThat(
        ModelNotSupportedError.isInstance(outcome.error),
        `an unknown model raised ${describeValue(outcome.error)}, expected ModelNotSupportedError`,
      );
      expectThat(
        subject.models.every((model) => outcome.error instanceof Error && outcome.error.message.includes(model)),
        'the error does not list every valid model',
      );
      expectThat(target.requests().length === 0, 'an unknown model reached the server');
    },
  },
];
