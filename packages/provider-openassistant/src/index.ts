import './register-on-import.js';

export { openAssistantConfigSection } from './openassistant-config-section.js';
export { openAssistantAuthHint } from './openassistant-error-mapping.js';
export { openAssistantDefaultModel, openAssistantModels } from './openassistant-models.js';
export type { OpenAssistantContext } from './openassistant-provider.js';
export { OpenAssistant } from './openassistant-provider.js';
export type { OpenAssistantOptions, OpenAssistantSampling } from './openassistant-sampling.js';
export { k50PluginsPreset, openAssistantOptionsSchema, openAssistantSamplingSchema } from './openassistant-sampling.js';
export type { OpenAssistantSettings } from './openassistant-settings.js';
export { openAssistantPublicUrl, openAssistantSettingsSchema } from './openassistant-settings.js';
export { registerOpenAssistant } from './register-openassistant.js';
