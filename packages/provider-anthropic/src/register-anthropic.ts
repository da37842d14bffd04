import { registerProvider } from '@switchyard/core/provider-kit';
import type { DependencyContainer } from 'tsyringe';
import { Anthropic } from './anthropic-provider.js';
import type { AnthropicSettings } from './anthropic-settings.js';

/** Registers Anthropic under `PROVIDER`, built on first resolve with the container's `CONFIG` and `LOGGER`. */
export function registerAnthropic(container: DependencyContainer, settings: AnthropicSettings = {}): void {
  registerProvider(container, (context) => new Anthropic(settings, context));
}
