import { registerProvider } from '@switchyard/core/provider-kit';
import type { DependencyContainer } from 'tsyringe';
import { OpenAICompatible } from './openai-compatible-provider.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';

/**
 * Registers one OpenAI-compatible endpoint under `PROVIDER` in `container`, built on first
 * resolve with the container's `CONFIG` and `LOGGER`. Call it once per endpoint, each with its
 * own `name`.
 */
export function registerOpenAICompatible(
  container: DependencyContainer,
  settings: OpenAICompatibleSettings = {},
): void {
  registerProvider(container, (context) => new OpenAICompatible(settings, context));
}
