import { type ConformanceSubject, type ProviderTarget, startOpenAICompatibleTarget } from '@switchyard/testing';
import { OpenAICompatible } from './openai-compatible-provider.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
import { registerOpenAICompatible } from './register-openai-compatible.js';

// Named after the class it tests: the unnamed instance is OpenAI itself.
const settingsFor = ({ baseUrl, credentials, timeouts }: ProviderTarget): OpenAICompatibleSettings => ({
  name: 'OpenAICompatible',
  baseUrl,
  apiKey: credentials.apiKey,
  timeouts,
  requiresApiKey: true,
  models: ['gpt-4o-mini', 'llama3.1:8b'],
  modelAliases: { fast: 'gpt-4o-mini' },
});

/** OpenAICompatible as the conformance suite sees it: pointed at the emulator, with its key. */
export const openAICompatibleConformanceSubject: ConformanceSubject = {
  name: 'OpenAICompatible',
  startTarget: startOpenAICompatibleTarget,
  createProvider: (target) => new OpenAICompatible(settingsFor(target)),
  register: (container, target) => registerOpenAICompatible(container, settingsFor(target)),
};

export default openAICompatibleConformanceSubject;
