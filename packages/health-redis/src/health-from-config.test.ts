import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  CONFIG,
  ConfigurationError,
  LOGGER,
  type Logger,
  loadConfig,
  MemoryHealthStore,
  PROVIDER,
  type ProviderHealth,
  ProviderRegistry,
} from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { container as rootContainer } from 'tsyringe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfiguredHealthStore, providerHealthFromConfig, registerHealthStore } from './health-from-config.js';
import { RedisHealthStore } from './redis-health-store.js';
import { capturingLogger } from './test-support/capturing-logger.js';
import { eventually } from './test-support/eventually.js';
import { type RunningRedisServer, startRedisServer } from './testing/redis-server-process.js';

let redis: RunningRedisServer;
const opened: ConfiguredHealthStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer({ password: 'config-secret-5be2' });
});
afterAll(async () => {
  await Promise.all(opened.map((configured) => configured.close()));
  await redis.stop();
});

const cooling = (health: ProviderHealth, provider: string) => () =>
  health.entry(provider).status === 'cooling-down' ? true : undefined;

describe('health from switchyard.config.json', () => {
  it('keeps breakers in the process without a Redis URL', () => {
    const configured = providerHealthFromConfig({ health: { failures: 4 } });
    expect(configured.store).toBeInstanceOf(MemoryHealthStore);
    expect(configured.status()).toEqual({ store: 'memory', shared: false });
    expect(configured.health.policy.failureThreshold).toBe(4);
  });

  it('shares breakers on the Redis of SWITCHYARD_HEALTH_REDIS_URL, with the policy of the file', async () => {
    const env = { SWITCHYARD_HEALTH_REDIS_URL: redis.url };
    const config = await loadConfig({ cwd: '/nonexistent-switchyard-dir', env });
    const withPolicy = { ...config, health: { ...config.health, keyPrefix: `cfg-${randomUUID()}:`, failures: 1 } };
    const [first, second] = [providerHealthFromConfig(withPolicy), providerHealthFromConfig(withPolicy)];
    opened.push(first, second);
    expect(first.store).toBeInstanceOf(RedisHealthStore);
    expect(first.health.policy.failureThreshold).toBe(1);
    for (const configured of [first, second]) expect(await configured.ready()).toBe(true);
    expect(first.status()).toMatchObject({ store: 'redis', shared: true, redis: expect.stringContaining(':***@') });
    second.health.entry('Upstream');
    const ticket = first.health.beginCall('Upstream');
    if (ticket === undefined) throw new Error('expected a ticket');
    first.health.recordFailure(ticket, 'down');
    await eventually('the other process to see the trip', cooling(second.health, 'Upstream'));
  });

  it('names health.url when Redis is asked for without one', () => {
    const attempt = () => providerHealthFromConfig({ health: { store: 'redis', failures: 2 } });
    expect(attempt).toThrowError(ConfigurationError);
    expect(attempt).toThrowError(/health\.url: required when health\.store is "redis"/);
  });

  it('registers the store for the container, so its ProviderRegistry shares breakers with the fleet', async () => {
    const keyPrefix = `registry-${randomUUID()}:`;
    const config = { health: { url: redis.url, keyPrefix, failures: 2, cooldownMs: 60_000 } };
    const logger = capturingLogger();
    const scope = rootContainer.createChildContainer();
    scope.register(CONFIG, { useValue: config });
    scope.register<Logger>(LOGGER, { useValue: logger });
    scope.register(PROVIDER, {
      useValue: new OpenAICompatible({ name: 'Upstream', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-x' }),
    });
    const configured = registerHealthStore(scope);
    opened.push(configured);
    const registry = scope.resolve(ProviderRegistry);
    expect(registry.health.store).toBe(configured.store);
    expect(registry.health.policy).toMatchObject({ failureThreshold: 2, cooldownMs: 60_000 });
    expect(await configured.ready()).toBe(true);

    const elsewhere = providerHealthFromConfig(config);
    opened.push(elsewhere);
    expect(await elsewhere.ready()).toBe(true);
    elsewhere.health.entry('upstream');
    registry.markNotWorking('upstream', 'maintenance');
    await eventually('another process to see the mark', cooling(elsewhere.health, 'Upstream'));
    expect(registry.isWorking('Upstream')).toBe(false);
    expect(logger.lines).toEqual([]);
  });
});
