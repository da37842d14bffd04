import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { type ConformanceSubject, type ProviderTarget, startOpenAICompatibleTarget } from '@switchyard/testing';
import type { AiSdkProviderSettings } from '../ai-sdk-provider-settings.js';
import { AiSdkProvider } from '../from-ai-sdk.js';
import { registerAiSdkProvider } from '../register-ai-sdk-provider.js';
import { switchyardFetch } from '../switchyard-fetch.js';

const name = 'AiSdkOpenAICompatible';

/** The AI SDK's own OpenAI-compatible chat model, pointed at the emulator with its key. */
const modelFor = ({ baseUrl, credentials }: ProviderTarget) =>
  createOpenAICompatible({
    name: 'emulator',
    baseURL: baseUrl,
    ...(credentials.apiKey === undefined ? {} : { apiKey: credentials.apiKey }),
    fetch: switchyardFetch,
  }).chatModel('gpt-4o-mini');

const settingsFor = ({ baseUrl, timeouts }: ProviderTarget): AiSdkProviderSettings => ({
  name,
  url: baseUrl,
  needsAuth: true,
  modelAliases: { fast: 'gpt-4o-mini' },
  switchyardFetch: true,
  ...(timeouts === undefined ? {} : { timeouts }),
});

/** `fromAiSdk(createOpenAICompatible(…).chatModel(…))` as the conformance suite sees it. */
export const aiSdkConformanceSubject: ConformanceSubject = {
  name,
  startTarget: startOpenAICompatibleTarget,
  createProvider: (target) => new AiSdkProvider(modelFor(target), settingsFor(target)),
  register: (container, target) => registerAiSdkProvider(container, modelFor(target), settingsFor(target)),
};
