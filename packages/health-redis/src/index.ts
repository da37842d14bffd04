export { breakerKeys, changesChannel } from './breaker-keys.js';
export type {
  ConfiguredHealthStatus,
  ConfiguredHealthStore,
  ConfiguredProviderHealth,
  HealthFromConfigOptions,
} from './health-from-config.js';
export { healthStoreFromConfig, providerHealthFromConfig, registerHealthStore } from './health-from-config.js';
export type { RedisHealthStoreStatus } from './redis-health-store.js';
export { RedisHealthStore } from './redis-health-store.js';
export type { RedisConnectionOptions, RedisHealthStoreOptions } from './redis-health-store-options.js';
export { defaultKeyPrefix } from './redis-health-store-options.js';
export type { RedisLinkMode } from './redis-link.js';
