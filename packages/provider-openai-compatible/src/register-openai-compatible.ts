import { PROVIDER, resolveProviderContext } from '@switchyard/core';
import { type DependencyContainer, instanceCachingFactory } from 'tsyringe';
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
  container.register(PROVIDER, {
    useFactory: instanceCachingFactory((resolver) => new OpenAICompatible(settings, resolveProviderContext(resolver))),
  });
}
