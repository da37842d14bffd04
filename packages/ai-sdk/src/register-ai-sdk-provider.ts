import { registerProvider } from '@switchyard/core/provider-kit';
import type { DependencyContainer } from 'tsyringe';
import type { AiSdkModelSource, AiSdkProviderSettings } from './ai-sdk-provider-settings.js';
import { AiSdkProvider } from './from-ai-sdk.js';

/**
 * Registers an AI SDK model under `PROVIDER`, built on first resolve with the container's
 * `CONFIG` (its `providers.<name>` section) and `LOGGER`.
 */
export function registerAiSdkProvider(
  container: DependencyContainer,
  model: AiSdkModelSource,
  settings: AiSdkProviderSettings,
): void {
  registerProvider(container, (context) => new AiSdkProvider(model, settings, context));
}
