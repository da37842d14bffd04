import './register-on-import.js';

export { anthropicConfigSection, anthropicSectionSchema } from './anthropic-config-section.js';
export { Anthropic } from './anthropic-provider.js';
export type { AnthropicOptions, AnthropicSettings } from './anthropic-settings.js';
export {
  anthropicAuthHint,
  anthropicOptionsSchema,
  anthropicPublicBaseUrl,
  anthropicSettingsSchema,
} from './anthropic-settings.js';
export { registerAnthropic } from './register-anthropic.js';
