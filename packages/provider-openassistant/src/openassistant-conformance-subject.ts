import { tmpdir } from 'node:os';
import { type ConformanceSubject, type ProviderTarget, startOpenAssistantTarget } from '@switchyard/testing';
import { OpenAssistant } from './openassistant-provider.js';
import { registerOpenAssistant } from './register-openassistant.js';

const settingsFor = ({ baseUrl, credentials, timeouts }: ProviderTarget) => ({
  baseUrl,
  cookies: credentials.cookies ?? {},
  ...(timeouts === undefined ? {} : { timeouts }),
});

/**
 * OpenAssistant as the conformance suite sees it: pointed at the emulator, with the emulator's
 * session cookie, and no cookie files from the machine it runs on.
 */
export const openAssistantConformanceSubject: ConformanceSubject = {
  name: 'OpenAssistant',
  startTarget: startOpenAssistantTarget,
  createProvider: (target) => new OpenAssistant(settingsFor(target), { env: {}, cwd: tmpdir() }),
  register: (container, target) => registerOpenAssistant(container, settingsFor(target)),
};

export default openAssistantConformanceSubject;
