import {
  CONFIG,
  type CookieStore,
  createConsoleLogger,
  LOGGER,
  type LogLevel,
  loadConfig,
  PROVIDER,
  type ProviderConfigSections,
  ProviderRegistry,
  providerConfig,
  type SwitchyardConfig,
} from '@switchyard/core';
import { registerHealthStore } from '@switchyard/health-redis';
import { anthropicConfigSection, registerAnthropic } from '@switchyard/provider-anthropic';
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
import { loadPlugins } from './plugins/load-plugins.js';
import { PluginLoadError } from './plugins/plugin-load-error.js';
import type { LoadedPlugin } from './plugins/switchyard-plugin.js';
import { type ProviderOverride, withProviderOverrides } from './provider-overrides.js';
import { UsageError } from './usage-error.js';

export interface ScopeOptions {
  readonly configPath?: string | undefined;
  /** The provider asked (`--provider`, or the first of `--fallback`): `baseUrl` and `apiKey` are for it. */
  readonly provider?: string | undefined;
  readonly baseUrl?: string | undefined;
  /** `--api-key`, or `SWITCHYARD_API_KEY`: the asked provider's key. */
  readonly apiKey?: string | undefined;
  /** Cookies loaded from `--cookies`: each provider that signs in with cookies gets those of its host. */
  readonly cookies?: CookieStore | undefined;
  /** `--plugin` modules, found from the working directory; the config's `plugins` come after them. */
  readonly plugins?: readonly string[] | undefined;
  /** `--verbose`: a debug log on stderr, over the config's `logLevel`. */
  readonly logLevel?: LogLevel | undefined;
  /** `process.env` unless set. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

export interface ProviderScope {
  readonly scope: DependencyContainer;
  readonly registry: ProviderRegistry;
  readonly config: SwitchyardConfig;
  readonly plugins: readonly LoadedPlugin[];
  /** Closes what the scope opened: the health store's Redis connections, when the config asks for Redis. */
  close(): Promise<void>;
}

/** The built-in providers, each with the key its vendor's tools read from the environment. */
const builtIn = [
  { section: openAssistantConfigSection, keyVariable: undefined },
  { section: openAICompatibleConfigSection, keyVariable: 'OPENAI_API_KEY' },
  { section: anthropicConfigSection, keyVariable: 'ANTHROPIC_API_KEY' },
] as const;

/**
 * The providers a command works with, registered through DI: Open Assistant, OpenAI and
 * Anthropic; every other `providers.<name>` section of the config as an OpenAI-compatible
 * endpoint; `--provider X --base-url URL` as one on the spot; and what plugins register.
 */
export async function buildProviderScope(options: ScopeOptions): Promise<ProviderScope> {
  const env = options.env ?? process.env;
  // The config names plugins, and plugins bring the config sections it is checked against: read
  // it once for the list, then again with every section known.
  const listed = await loadConfig({ path: options.configPath, env });
  // The config's relative paths are already absolute (relative to the file); names are found from here.
  const plugins = await loadPlugins(
    [...(options.plugins ?? []), ...(listed.plugins ?? [])].map((specifier) => ({ specifier, from: process.cwd() })),
  );
  const providerSections: ProviderConfigSections = {
    known: [...builtIn.map(({ section }) => section), ...plugins.flatMap((plugin) => plugin.configSections ?? [])],
    other: openAICompatibleEndpointSection,
  };
  // Every section is checked here, before DI builds a provider, so a mistake names the file and key.
  const loaded = await loadConfig({ path: options.configPath, env, providerSections });
  const config = withProviderOverrides(loaded, overridesFor(options, loaded, env, providerSections));

  const scope = container.createChildContainer();
  scope.register(CONFIG, { useValue: config });
  const logLevel = options.logLevel ?? config.logLevel;
  if (logLevel !== undefined && logLevel !== 'silent') {
    scope.register(LOGGER, { useValue: createConsoleLogger({ level: logLevel }) });
  }
  // The config's health section decides where breakers live: in this process, or on Redis for a fleet.
  const health = registerHealthStore(scope);
  // The health store may hold Redis connections already: any failure below closes them.
  try {
    const openAssistantUrl = providerConfig(config, 'OpenAssistant').baseUrl ?? openAssistantPublicUrl;
    const cookies = options.cookies?.getCookies(String(openAssistantUrl));
    registerOpenAssistant(scope, cookies === undefined ? {} : { cookies });
    registerOpenAICompatible(scope);
    registerAnthropic(scope);
    const knownSections = new Set(providerSections.known.map((section) => section.name.toLowerCase()));
    const endpoints = Object.keys(config.providers ?? {}).filter((name) => !knownSections.has(name.toLowerCase()));
    for (const name of endpoints) registerOpenAICompatible(scope, { name });
    for (const plugin of plugins) {
      try {
        await plugin.register?.(scope);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new PluginLoadError(plugin.specifier, `register(container) failed: ${message}`, { cause: error });
      }
    }
    // `--provider Ollama --base-url …` names an OpenAI-compatible endpoint on the spot, unless a
    // built-in, a section or a plugin already goes by that name (providers are built once, here).
    const asked = options.provider;
    if (asked !== undefined && options.baseUrl !== undefined) {
      const names = scope.resolveAll(PROVIDER).map((provider) => provider.name.toLowerCase());
      if (!names.includes(asked.toLowerCase())) registerOpenAICompatible(scope, { name: asked });
    }
    return { scope, registry: scope.resolve(ProviderRegistry), config, plugins, close: () => health.close() };
  } catch (error) {
    await health.close();
    throw error;
  }
}

/** `--base-url` and `--api-key` for the provider asked; a vendor's key variable for its own provider. */
function overridesFor(
  options: ScopeOptions,
  config: SwitchyardConfig,
  env: NodeJS.ProcessEnv,
  sections: ProviderConfigSections,
): ProviderOverride[] {
  const overrides: ProviderOverride[] = [];
  for (const { section, keyVariable } of builtIn) {
    const key = keyVariable === undefined ? undefined : env[keyVariable];
    // The vendor's variable is the ambient default: a key in the provider's own section wins.
    if (key !== undefined && key !== '' && providerConfig(config, section.name).apiKey === undefined) {
      overrides.push({ provider: section.name, values: { apiKey: key } });
    }
  }
  const asked = options.provider;
  if (asked !== undefined) {
    const schema = sections.known.find((section) => section.name.toLowerCase() === asked.toLowerCase())?.schema;
    const flags = [
      ['baseUrl', options.baseUrl, '--base-url'],
      ['apiKey', options.apiKey, '--api-key (or SWITCHYARD_API_KEY)'],
    ] as const;
    const keys = schema === undefined ? [] : settingKeys(schema);
    for (const [key, value, flag] of flags) {
      if (value !== undefined && keys.length > 0 && !keys.includes(key)) {
        throw new UsageError(`${flag} does not apply to ${asked}: its settings have no ${key}.`);
      }
    }
    overrides.push({ provider: asked, values: { baseUrl: options.baseUrl, apiKey: options.apiKey } });
  }
  return overrides;
}

/** The keys an object schema knows; none for a schema of another shape, which cannot be told. */
function settingKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: unknown }).shape;
  return typeof shape === 'object' && shape !== null ? Object.keys(shape) : [];
}
