import './register-on-import.js';

export { OpenAICompatible } from './openai-compatible-provider.js';
export type { OpenAICompatibleOptions, OpenAICompatibleSettings } from './openai-compatible-settings.js';
export {
  openAIAuthHint,
  openAICompatibleConfigSection,
  openAICompatibleEndpointSection,
  openAICompatibleOptionsSchema,
  openAICompatibleSectionSchema,
  openAICompatibleSettingsSchema,
  openAIPublicBaseUrl,
} from './openai-compatible-settings.js';
export { registerOpenAICompatible } from './register-openai-compatible.js';
