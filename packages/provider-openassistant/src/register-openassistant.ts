import { PROVIDER, resolveProviderContext } from '@switchyard/core';
import { type DependencyContainer, instanceCachingFactory } from 'tsyringe';
import { OpenAssistant } from './openassistant-provider.js';
import type { OpenAssistantSettings } from './openassistant-settings.js';

/**
 * Registers an `OpenAssistant` under `PROVIDER` in `container`, built on first resolve with the
 * container's `CONFIG` and `LOGGER` when it has them.
 */
export function registerOpenAssistant(container: DependencyContainer, settings: OpenAssistantSettings = {}): void {
  container.register(PROVIDER, {
    useFactory: instanceCachingFactory((resolver) => new OpenAssistant(settings, resolveProviderContext(resolver))),
  });
}
