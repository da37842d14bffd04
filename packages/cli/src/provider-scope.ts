import {
  CONFIG,
  type CookieStore,
  createConsoleLogger,
  LOGGER,
  loadConfig,
  type ProviderConfigSections,
  ProviderRegistry,
  type SwitchyardConfig,
} from '@switchyard/core';
import {
  openAICompatibleConfigSection,
  openAICompatibleEndpointSection,
  registerOpenAICompatible,
} from '@switchyard/provider-openai-compatible';
import {
  openAssistantConfigSection,
  openAssistantPublicUrl,
  registerOpenAssistant,
} from '@switchyard/provider-openassistant';
import { container, type DependencyContainer } from 'tsyringe';

export interface ScopeOptions {
  readonly configPath?: string | undefined;
  /** Points this provider (by name) at `baseUrl`. */
  readonly provider?: string | undefined;
  readonly baseUrl?: string | undefined;
  /** Cookies loaded from `--cookies`: each provider that signs in with cookies gets those of its host. */
  readonly cookies?: CookieStore | undefined;
}

export interface ProviderScope {
  readonly scope: DependencyContainer;
  readonly registry: ProviderRegistry;
  readonly config: SwitchyardConfig;
}

/** The built-in providers' sections, and any other section as a named OpenAI-compatible endpoint. */
const providerSections: ProviderConfigSections = {
  known: [openAssistantConfigSection, openAICompatibleConfigSection],
  other: openAICompatibleEndpointSection,
};
const builtIn = new Set(providerSections.known.map((section) => section.name.toLowerCase()));

/**
 * The providers the command works with, registered through DI: Open Assistant, OpenAI itself,
 * and every other `providers.<name>` section of the config as an OpenAI-compatible endpoint.
 */
export async function buildProviderScope(options: ScopeOptions): Promise<ProviderScope> {
  // Every section is checked here, before DI builds a provider, so a mistake names the file and key.
  const config = await loadConfig({ path: options.configPath, providerSections });
  const scope = container.createChildContainer();
  scope.register(CONFIG, { useValue: config });
  if (config.logLevel !== undefined && config.logLevel !== 'silent') {
    scope.register(LOGGER, { useValue: createConsoleLogger({ level: config.logLevel }) });
  }
  const override = (name: string) =>
    options.baseUrl !== undefined && options.provider?.toLowerCase() === name.toLowerCase()
      ? { baseUrl: options.baseUrl }
      : {};
  const openAssistant = override('OpenAssistant');
  const openAssistantUrl = openAssistant.baseUrl ?? sectionBaseUrl(config, 'OpenAssistant') ?? openAssistantPublicUrl;
  const cookies = options.cookies?.getCookies(openAssistantUrl);
  registerOpenAssistant(scope, { ...openAssistant, ...(cookies === undefined ? {} : { cookies }) });
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

/** A section's base URL, already checked to be a URL when the config was loaded. */
function sectionBaseUrl(config: SwitchyardConfig, name: string): string | undefined {
  const entry = Object.entries(config.providers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  const baseUrl = entry?.[1].baseUrl;
  return typeof baseUrl === 'string' ? baseUrl : undefined;
}
