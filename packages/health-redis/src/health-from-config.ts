import {
  type Clock,
  CONFIG,
  ConfigurationError,
  HEALTH_STORE,
  type HealthStore,
  healthStoreKind,
  LOGGER,
  type Logger,
  MemoryHealthStore,
  ProviderHealth,
  type SwitchyardConfig,
} from '@switchyard/core';
import type { DependencyContainer } from 'tsyringe';
import { RedisHealthStore, type RedisHealthStoreStatus } from './redis-health-store.js';
import type { RedisConnectionOptions } from './redis-health-store-options.js';

export interface HealthFromConfigOptions {
  /** Told once when Redis goes away and once when it is back. */
  readonly logger?: Logger | undefined;
  /** ioredis options over the URL: AUTH (`username`, `password`), `tls`, `db`… */
  readonly redis?: RedisConnectionOptions | undefined;
  readonly recoveryIntervalMs?: number | undefined;
  readonly clock?: Clock | undefined;
}

/** What `/ready` or `/metrics` may say about the store: never a password. */
export type ConfiguredHealthStatus =
  | { readonly store: 'memory'; readonly shared: false }
  | ({ readonly store: 'redis' } & RedisHealthStoreStatus);

/** A store with its connections, and how to close them. */
export interface ConfiguredHealthStore {
  readonly store: HealthStore;
  status(): ConfiguredHealthStatus;
  /** True once a Redis store shares breakers (false after `timeoutMs`); true at once in memory. */
  ready(timeoutMs?: number): Promise<boolean>;
  /** Closes the Redis connections, if any; the in-process store has none. */
  close(): Promise<void>;
}

export interface ConfiguredProviderHealth extends ConfiguredHealthStore {
  readonly health: ProviderHealth;
}

/**
 * The store the config's `health` section asks for: a `RedisHealthStore` when it names Redis
 * (by `store: "redis"` or a `url`, e.g. from `SWITCHYARD_HEALTH_REDIS_URL`), else the in-process
 * store. Throws a `ConfigurationError` naming `health.url` when Redis is asked for without one.
 */
export function healthStoreFromConfig(
  config: SwitchyardConfig,
  options: HealthFromConfigOptions = {},
): ConfiguredHealthStore {
  const health = config.health;
  if (healthStoreKind(health) === 'memory') {
    return {
      store: new MemoryHealthStore(),
      status: () => ({ store: 'memory', shared: false }),
      ready: async () => true,
      close: async () => {},
    };
  }
  if (health?.url === undefined) {
    throw new ConfigurationError({
      source: 'health',
      problems: ['health.url: required when health.store is "redis" (or set SWITCHYARD_HEALTH_REDIS_URL)'],
    });
  }
  const store = new RedisHealthStore({
    url: health.url,
    keyPrefix: health.keyPrefix,
    timeoutMs: health.redisTimeoutMs,
    ...options,
  });
  return {
    store,
    status: () => ({ store: 'redis', ...store.status() }),
    ready: (timeoutMs) => store.ready(timeoutMs),
    close: () => store.close(),
  };
}

/**
 * A `ProviderHealth` as the config describes it: its policy from the `health` section and its
 * store from `healthStoreFromConfig`. For a gateway or worker that is not built through DI.
 */
export function providerHealthFromConfig(
  config: SwitchyardConfig,
  options: HealthFromConfigOptions = {},
): ConfiguredProviderHealth {
  const configured = healthStoreFromConfig(config, options);
  const health = new ProviderHealth(options.clock, undefined, configured.store, config);
  return { ...configured, health };
}

/**
 * Registers the configured store under `HEALTH_STORE` in `container`, so its `ProviderRegistry`
 * (and every `FallbackProvider` given that registry) shares breakers with the fleet. The config
 * and logger are the container's (`CONFIG`, `LOGGER`) unless given. Call it before the registry
 * is first resolved, and close the result when the app stops.
 */
export function registerHealthStore(
  container: DependencyContainer,
  options: HealthFromConfigOptions & { readonly config?: SwitchyardConfig | undefined } = {},
): ConfiguredHealthStore {
  const { config: given, ...rest } = options;
  const config = given ?? (container.isRegistered(CONFIG, true) ? container.resolve<SwitchyardConfig>(CONFIG) : {});
  const logger = rest.logger ?? (container.isRegistered(LOGGER, true) ? container.resolve<Logger>(LOGGER) : undefined);
  const configured = healthStoreFromConfig(config, { ...rest, logger });
  container.register(HEALTH_STORE, { useValue: configured.store });
  return configured;
}
