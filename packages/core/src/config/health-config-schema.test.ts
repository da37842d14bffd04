import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { healthStoreKind } from './health-config-schema.js';
import { loadConfig } from './load-config.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-health-config-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withFile(content: unknown, env: NodeJS.ProcessEnv = {}) {
  await writeFile(join(dir, 'switchyard.config.json'), JSON.stringify(content));
  return loadConfig({ cwd: dir, env });
}

async function configError(promise: Promise<unknown>): Promise<ConfigurationError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(ConfigurationError.isInstance(error)).toBe(true);
  return error as ConfigurationError;
}

describe('the health section of switchyard.config.json', () => {
  it('reads the store, the Redis settings and the breaker policy', async () => {
    const health = {
      store: 'redis',
      url: 'rediss://fleet:pw@redis.internal:6380/2',
      keyPrefix: 'prod:health:',
      redisTimeoutMs: 150,
      failures: 5,
      failureWindowMs: 10_000,
      cooldownMs: 2_000,
      maxCooldownMs: 60_000,
      backoffFactor: 3,
      probeLeaseMs: 20_000,
    };
    await expect(withFile({ health })).resolves.toEqual({ health });
  });

  it('takes the Redis URL from SWITCHYARD_HEALTH_REDIS_URL, keeping the policy from the file', async () => {
    const config = await withFile(
      { health: { failures: 2, url: 'redis://file-host:6379' } },
      { SWITCHYARD_HEALTH_REDIS_URL: 'redis://:pw@env-host:6379' },
    );
    expect(config.health).toEqual({ failures: 2, url: 'redis://:pw@env-host:6379' });
    expect(healthStoreKind(config.health)).toBe('redis');
  });

  it('defaults to the in-process store without a URL, and an explicit store wins', () => {
    expect(healthStoreKind(undefined)).toBe('memory');
    expect(healthStoreKind({ failures: 2 })).toBe('memory');
    expect(healthStoreKind({ url: 'redis://h:1' })).toBe('redis');
    expect(healthStoreKind({ url: 'redis://h:1', store: 'memory' })).toBe('memory');
  });

  it('names the key and what was expected for a bad value', async () => {
    const error = await configError(withFile({ health: { store: 'postgres', failures: 0, colldown: 1 } }));
    expect(error.message).toContain('health.store: expected one of "memory", "redis", received "postgres"');
    expect(error.message).toContain('health.failures: expected a positive integer, received 0');
    expect(error.message).toContain('health: unknown key "colldown"');

    const bounds = await configError(withFile({ health: { cooldownMs: 5000, maxCooldownMs: 100 } }));
    expect(bounds.message).toContain('health.maxCooldownMs: expected at least cooldownMs (5000), received 100');
  });

  it('rejects a URL that is not Redis without showing its password', async () => {
    const fromFile = await configError(withFile({ health: { url: 'http://admin:hunter2@redis.internal:6379' } }));
    expect(fromFile.message).toContain('health.url: expected a redis:// or rediss:// URL with a host');
    expect(fromFile.message).toContain('admin:***@redis.internal');
    expect(fromFile.message).not.toContain('hunter2');

    const fromEnv = await configError(
      withFile({}, { SWITCHYARD_HEALTH_REDIS_URL: 'tcp://:hunter2@redis.internal:6379' }),
    );
    expect(fromEnv.source).toBe('SWITCHYARD_HEALTH_REDIS_URL');
    expect(fromEnv.message).not.toContain('hunter2');
  });
});
