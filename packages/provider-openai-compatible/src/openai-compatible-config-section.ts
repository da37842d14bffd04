import type { ProviderConfigSection, UnlistedProviderSection } from '@switchyard/core';
import { openAICompatibleSettingsSchema } from './openai-compatible-settings.js';

/** A section's settings: the constructor's, less `name`, which is the section's own key. */
export const openAICompatibleSectionSchema = openAICompatibleSettingsSchema.omit({ name: true });

/** `providers.OpenAI`: the built-in instance, OpenAI itself unless given a base URL. */
export const openAICompatibleConfigSection: ProviderConfigSection = {
  name: 'OpenAI',
  schema: openAICompatibleSectionSchema,
};

/**
 * A section under any other name is an endpoint of its own (`registerOpenAICompatible` with that
 * name), so it must say where it is: a misspelt provider name without a base URL is caught
 * instead of registered as a new endpoint that points at OpenAI.
 */
export const openAICompatibleEndpointSection: UnlistedProviderSection = {
  schema: openAICompatibleSectionSchema.extend({ baseUrl: openAICompatibleSectionSchema.shape.baseUrl.unwrap() }),
  description: 'an OpenAI-compatible endpoint',
};
