import { PROVIDER, ProviderRegistry } from '@switchyard/core';
import { container } from 'tsyringe';
import { describeValue, expectThat } from './check-outcome.js';
import type { ConformanceCheck } from './conformance-check.js';

const booleanFlags = [
  'needsAuth',
  'working',
  'supportsStream',
  'supportsMessageHistory',
  'supportsSystemMessage',
  'createsUpstreamChat',
] as const;
const stringFlags = ['name', 'label', 'url', 'defaultModel'] as const;

export const metadataChecks: readonly ConformanceCheck[] = [
  {
    name: 'metadata.flags',
    description: 'every capability flag is present and of the right type',
    async run({ provider }) {
      const subject = provider();
      for (const flag of stringFlags) {
        expectThat(
          typeof subject[flag] === 'string' && subject[flag] !== '',
          `${flag} is ${describeValue(subject[flag])}, expected a non-empty string`,
        );
      }
      for (const flag of booleanFlags) {
        expectThat(
          typeof subject[flag] === 'boolean',
          `${flag} is ${describeValue(subject[flag])}, expected a boolean`,
        );
      }
      expectThat(
        Array.isArray(subject.models) && subject.models.every((model) => typeof model === 'string'),
        'models is not an array of strings',
      );
      expectThat(
        typeof subject.modelAliases === 'object' &&
          subject.modelAliases !== null &&
          Object.values(subject.modelAliases).every((model) => typeof model === 'string'),
        'modelAliases is not a record of strings',
      );
    },
  },
  {
    name: 'metadata.default-model-listed',
    description: 'defaultModel is one of models, and every alias points into models',
    async run({ provider }) {
      const { defaultModel, models, modelAliases } = provider();
      if (models.length === 0) return;
      expectThat(models.includes(defaultModel), `defaultModel ${describeValue(defaultModel)} is not in models`);
      for (const [alias, model] of Object.entries(modelAliases)) {
        expectThat(
          models.includes(model),
          `alias ${describeValue(alias)} points to ${describeValue(model)}, not in models`,
        );
      }
    },
  },
  {
    name: 'metadata.url-parses',
    description: 'url is an absolute http(s) URL',
    async run({ provider }) {
      const { url } = provider();
      expectThat(URL.canParse(url), `url ${describeValue(url)} does not parse`);
      expectThat(['http:', 'https:'].includes(new URL(url).protocol), `url ${describeValue(url)} is not http(s)`);
    },
  },
  {
    name: 'metadata.resolves-through-di',
    description: 'the provider resolves from a container through PROVIDER and from the registry by name',
    async run({ subject, target }) {
      const scope = container.createChildContainer();
      subject.register(scope, { baseUrl: target.baseUrl, credentials: target.credentials });
      const providers = scope.resolveAll(PROVIDER);
      const named = providers.filter((provider) => provider.name.toLowerCase() === subject.name.toLowerCase());
      expectThat(
        named.length === 1,
        `PROVIDER resolved ${providers.length} providers, ${named.length} named ${subject.name}`,
      );
      const registry = scope.resolve(ProviderRegistry);
      expectThat(
        registry.get(subject.name.toUpperCase()) === named[0],
        'the registry did not find it by name, case-insensitively',
      );
    },
  },
];
