import { registerProvider } from '@switchyard/core/provider-kit';
import type { DependencyContainer } from 'tsyringe';
import { OpenAssistant } from './openassistant-provider.js';
import type { OpenAssistantSettings } from './openassistant-settings.js';

/**
 * Registers an `OpenAssistant` under `PROVIDER` in `container`, built on first resolve with the
 * container's `CONFIG` and `LOGGER` when it has them.
 */
export function registerOpenAssistant(container: DependencyContainer, settings: OpenAssistantSettings = {}): void {
  registerProvider(container, (context) => new OpenAssistant(settings, context));
}
