import { tmpdir } from 'node:os';
import { type ConformanceSubject, type ProviderTarget, startOpenAssistantTarget } from '@switchyard/testing';
import { OpenAssistant } from './openassistant-provider.js';
import type { OpenAssistantSettings } from './openassistant-settings.js';
import { registerOpenAssistant } from './register-openassistant.js';

const settingsFor = ({ baseUrl, credentials, timeouts }: ProviderTarget): OpenAssistantSettings => ({
  baseUrl,
  cookies: credentials.cookies ?? {},
  // An alias to a model other than the default, so the suite sees it resolved on the wire.
  modelAliases: { llama2: 'OA_SFT_Llama2_70B_10' },
  ...(timeouts === undefined ? {} : { timeouts }),
});

/**
 * OpenAssistant as the conformance suite sees it: pointed at the emulator, with the emulator's
 * session cookie, one model alias, and no cookie files from the machine it runs on.
 */
export const openAssistantConformanceSubject: ConformanceSubject = {
  name: 'OpenAssistant',
  startTarget: startOpenAssistantTarget,
  createProvider: (target) => new OpenAssistant(settingsFor(target), { env: {}, cwd: tmpdir() }),
  register: (container, target) => registerOpenAssistant(container, settingsFor(target)),
};

export default openAssistantConformanceSubject;
