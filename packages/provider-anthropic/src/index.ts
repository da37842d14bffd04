import './register-on-import.js';

export { anthropicConfigSection, anthropicSectionSchema } from './anthropic-config-section.js';
export { anthropicAuthHint } from './anthropic-error-mapping.js';
export { Anthropic } from './anthropic-provider.js';
export type { AnthropicOptions, AnthropicSettings } from './anthropic-settings.js';
export { anthropicOptionsSchema, anthropicPublicBaseUrl, anthropicSettingsSchema } from './anthropic-settings.js';
export { registerAnthropic } from './register-anthropic.js';
