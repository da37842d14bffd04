import './register-on-import.js';

export {
  openAICompatibleConfigSection,
  openAICompatibleEndpointSection,
  openAICompatibleSectionSchema,
} from './openai-compatible-config-section.js';
export { OpenAICompatible } from './openai-compatible-provider.js';
export type { OpenAICompatibleOptions, OpenAICompatibleSettings } from './openai-compatible-settings.js';
export {
  openAICompatibleOptionsSchema,
  openAICompatibleSettingsSchema,
  openAIPublicBaseUrl,
} from './openai-compatible-settings.js';
export { openAIAuthHint } from './openai-error-mapping.js';
export { registerOpenAICompatible } from './register-openai-compatible.js';
