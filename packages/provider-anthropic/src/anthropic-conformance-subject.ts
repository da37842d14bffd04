import {
  anthropicEmulatorModels,
  type ConformanceSubject,
  type ProviderTarget,
  startAnthropicTarget,
} from '@switchyard/testing';
import { Anthropic } from './anthropic-provider.js';
import type { AnthropicSettings } from './anthropic-settings.js';
import { registerAnthropic } from './register-anthropic.js';

const settingsFor = ({ baseUrl, credentials, timeouts }: ProviderTarget): AnthropicSettings => ({
  baseUrl: `${baseUrl}/v1`,
  apiKey: credentials.apiKey,
  timeouts,
  models: [...anthropicEmulatorModels],
  modelAliases: { sonnet: 'claude-sonnet-4-5' },
});

/** Anthropic as the conformance suite sees it: pointed at the Messages API emulator, with its key. */
export const anthropicConformanceSubject: ConformanceSubject = {
  name: 'Anthropic',
  startTarget: startAnthropicTarget,
  createProvider: (target) => new Anthropic(settingsFor(target)),
  register: (container, target) => registerAnthropic(container, settingsFor(target)),
};

export default anthropicConformanceSubject;
