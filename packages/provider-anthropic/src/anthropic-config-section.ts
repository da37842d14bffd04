import type { ProviderConfigSection } from '@switchyard/core';
import { anthropicSettingsSchema } from './anthropic-settings.js';

/** A section's settings: the constructor's, less `name`, which is the section's own key. */
export const anthropicSectionSchema = anthropicSettingsSchema.omit({ name: true });

/** `providers.Anthropic` in switchyard.config.json, checked when the config is loaded. */
export const anthropicConfigSection: ProviderConfigSection = {
  name: 'Anthropic',
  schema: anthropicSectionSchema,
};
