import {
  type AnyProvider,
  CONFIG,
  createConsoleLogger,
  LOGGER,
  loadConfig,
  ProviderRegistry,
  type SwitchyardConfig,
} from '@switchyard/core';
import { registerOpenAICompatible } from '@switchyard/provider-openai-compatible';
import { OpenAssistant, registerOpenAssistant } from '@switchyard/provider-openassistant';
import { container, type DependencyContainer } from 'tsyringe';

export interface ScopeOptions {
  readonly configPath?: string | undefined;
  /** Points this provider (by name) at `baseUrl`. */
  readonly provider?: string | undefined;
  readonly baseUrl?: string | undefined;
}

export interface ProviderScope {
  readonly scope: DependencyContainer;
  readonly registry: ProviderRegistry;
  readonly config: SwitchyardConfig;
}

const builtIn = new Set(['openassistant', 'openaicompatible']);

/**
 * The providers the command works with, registered through DI: Open Assistant, OpenAI itself,
 * and every other `providers.<name>` section of the config as an OpenAI-compatible endpoint.
 */
export async function buildProviderScope(options: ScopeOptions): Promise<ProviderScope> {
  const config = await loadConfig({ path: options.configPath });
  const scope = container.createChildContainer();
  scope.register(CONFIG, { useValue: config });
  if (config.logLevel !== undefined && config.logLevel !== 'silent') {
    scope.register(LOGGER, { useValue: createConsoleLogger({ level: config.logLevel }) });
  }
  const override = (name: string) =>
    options.baseUrl !== undefined && options.provider?.toLowerCase() === name.toLowerCase()
      ? { baseUrl: options.baseUrl }
      : {};
  registerOpenAssistant(scope, override('OpenAssistant'));
  registerOpenAICompatible(scope, override('OpenAICompatible'));
  const sections = Object.keys(config.providers ?? {}).filter((name) => !builtIn.has(name.toLowerCase()));
  for (const name of sections) registerOpenAICompatible(scope, { name, ...override(name) });
  // `--provider Ollama --base-url …` names a new OpenAI-compatible endpoint on the spot.
  const named = options.provider;
  if (
    named !== undefined &&
    options.baseUrl !== undefined &&
    !builtIn.has(named.toLowerCase()) &&
    !sections.some((name) => name.toLowerCase() === named.toLowerCase())
  ) {
    registerOpenAICompatible(scope, { name: named, baseUrl: options.baseUrl });
  }
  return { scope, registry: scope.resolve(ProviderRegistry), config };
}

export function isOpenAssistant(provider: AnyProvider): boolean {
  return provider instanceof OpenAssistant;
}
