import { ModelNotSupportedError } from '@switchyard/core';
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
