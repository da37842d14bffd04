import './register-on-import.js';

export {
  openAICompatibleConfigSection,
  openAICompatibleEndpointSection,
  openAICompatibleSectionSchema,
} from './openai-compatible-config-section.js';
export type { OpenAICompatibleParameters } from './openai-compatible-parameters.js';
export { openAICompatibleParametersSchema } from './openai-compatible-parameters.js';
export type { OpenAICompatibleContext } from './openai-compatible-provider.js';
export { OpenAICompatible } from './openai-compatible-provider.js';
export type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
export { openAICompatibleSettingsSchema, openAIPublicBaseUrl } from './openai-compatible-settings.js';
export { mapOpenAIError, openAIAuthHint } from './openai-error-mapping.js';
export { registerOpenAICompatible } from './register-openai-compatible.js';
