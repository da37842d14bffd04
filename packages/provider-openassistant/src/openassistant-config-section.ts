import type { ProviderConfigSection } from '@switchyard/core';
import { openAssistantSettingsSchema } from './openassistant-settings.js';

/** `providers.OpenAssistant` in switchyard.config.json: the constructor's settings, the same keys. */
export const openAssistantConfigSection: ProviderConfigSection = {
  name: 'OpenAssistant',
  schema: openAssistantSettingsSchema,
};
