import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ConfigurationError, type HealthPolicy, type HealthTicket, ProviderHealth } from '@switchyard/core';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisHealthStore } from './redis-health-store.js';
import type { RedisHealthStoreOptions } from './redis-health-store-options.js';
import { capturingLogger } from './test-support/capturing-logger.js';
import { eventually } from './test-support/eventually.js';
import { selfSignedCertificate } from './test-support/self-signed-certificate.js';
import { type RunningRedisServer, startRedisServer } from './testing/redis-server-process.js';

const password = 'store-secret-77c1';
let redis: RunningRedisServer;
let inspector: Redis;
let stores: RedisHealthStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer({ password });
  inspector = new Redis(redis.url);
});
afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  stores = [];
});
afterAll(async () => {
  inspector.disconnect();
  await redis.stop();
});

/** Two processes' worth of health on one prefix: each its own store and connections. */
async function twoProcesses(policy: Partial<HealthPolicy>, options: Partial<RedisHealthStoreOptions> = {}) {
  const keyPrefix = `store-${randomUUID()}:`;
  const [first, second] = [0, 1].map(() => {
    const store = new RedisHealthStore({ url: redis.url, keyPrefix, ...options });
    stores.push(store);
    return { store, health: new ProviderHealth(undefined, policy, store) };
  }) as [{ store: RedisHealthStore; health: ProviderHealth }, { store: RedisHealthStore; health: ProviderHealth }];
  expect(await first.store.ready()).toBe(true);
  expect(await second.store.ready()).toBe(true);
  return { first, second, keyPrefix };
}

function ticket(health: ProviderHealth, provider = 'P'): HealthTicket {
  const given = health.beginCall(provider);
  if (given === undefined) throw new Error('expected the call to be allowed');
  return given;
}

const status = (health: ProviderHealth, wanted: string) => () =>
  health.entry('P').status === wanted ? true : undefined;

/** Asks both processes for the probe until one gets it; the tickets each got. */
async function probeRace(first: ProviderHealth, second: ProviderHealth) {
  const granted: Array<{ by: ProviderHealth; ticket: HealthTicket }> = [];
  await eventually('one process to get the probe', () => {
    for (const by of [first, second]) {
      const given = by.beginCall('P');
      if (given !== undefined) granted.push({ by, ticket: given });
    }
    return granted.length > 0 ? true : undefined;
  });
  // However often they ask while it is out, no one else gets it.
  for (let asked = 0; asked < 50; asked++) {
    for (const by of [first, second]) {
      const given = by.beginCall('P');
      if (given !== undefined) granted.push({ by, ticket: given });
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return granted;
}

describe('RedisHealthStore shares one breaker between processes', () => {
  it('counts failures in two processes at once as two, and both see the breaker open', async () => {
    const { first, second } = await twoProcesses({ failureThreshold: 2, cooldownMs: 60_000 });
    const tickets = [ticket(first.health), ticket(second.health)] as const;
    first.health.recordFailure(tickets[0], 'boom in the first');
    second.health.recordFailure(tickets[1], 'boom in the second');
    // Each process alone saw one failure, under the threshold; together they reached it.
    await eventually('the first to see it open', status(first.health, 'cooling-down'));
    await eventually('the second to see it open', status(second.health, 'cooling-down'));
    expect(first.health.beginCall('P')).toBeUndefined();
    expect(second.health.beginCall('P')).toBeUndefined();
    expect(second.store.read('P')).toMatchObject({ status: 'open', trips: 1, generation: 1 });
  });

  it('lets one probe out for the fleet after the cooldown; its success closes the breaker everywhere', async () => {
    const { first, second } = await twoProcesses({ failureThreshold: 1, cooldownMs: 300, probeLeaseMs: 60_000 });
    first.health.recordFailure(ticket(first.health), 'down');
    await eventually('the second to see it open', status(second.health, 'cooling-down'));
    const granted = await probeRace(first.health, second.health);
    expect(granted).toHaveLength(1);
    const [{ by, ticket: probe }] = granted as [{ by: ProviderHealth; ticket: HealthTicket }];
    const other = by === first.health ? second.health : first.health;
    await eventually('the other to see the probe out', () =>
      other.entry('P').status === 'probing' ? true : undefined,
    );
    by.recordSuccess(probe);
    await eventually('the other to see it closed', status(other, 'working'));
    expect(other.entry('P')).toMatchObject({ consecutiveFailures: 0 });
    expect(other.beginCall('P')).toBeDefined();
  });

  it('gives the probe back when its call says nothing about health, and reopens for longer when it fails', async () => {
    const { first, second } = await twoProcesses({
      failureThreshold: 1,
      cooldownMs: 200,
      backoffFactor: 2,
      maxCooldownMs: 60_000,
      probeLeaseMs: 60_000,
    });
    first.health.recordFailure(ticket(first.health), 'down');
    await eventually('the second to see it open', status(second.health, 'cooling-down'));
    const [released] = await probeRace(first.health, second.health);
    if (released === undefined) throw new Error('no probe');
    released.by.releaseCall(released.ticket);
    const [failed] = await probeRace(first.health, second.health);
    if (failed === undefined) throw new Error('no probe after the release');
    failed.by.recordFailure(failed.ticket, 'still down');
    for (const process of [first, second]) {
      await eventually('the longer cooldown everywhere', () =>
        process.store.read('P')?.trips === 2 ? true : undefined,
      );
      expect(process.health.entry('P').cooldownLeftMs).toBeGreaterThan(200);
    }
  });

  it('ignores outcomes of calls that began before the breaker opened, in any process', async () => {
    const { first, second } = await twoProcesses({ failureThreshold: 1, cooldownMs: 60_000 });
    const late = ticket(second.health);
    first.health.recordFailure(ticket(first.health), 'down');
    await eventually('the second to see it open', status(second.health, 'cooling-down'));
    second.health.recordSuccess(late);
    second.health.recordFailure(late, 'late failure');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(first.store.read('P')).toMatchObject({ status: 'open', trips: 1, generation: 1 });
  });

  it('puts an expiry on every key, all under its prefix, and keeps its own prefix apart', async () => {
    const { first, keyPrefix } = await twoProcesses({ failureThreshold: 1, cooldownMs: 200, probeLeaseMs: 60_000 });
    first.health.recordFailure(ticket(first.health, 'Alpha'), 'down');
    first.health.recordFailure(ticket(first.health, 'Beta'), 'down');
    await new Promise((resolve) => setTimeout(resolve, 250));
    await eventually('a probe lease', () => first.health.beginCall('Alpha'));
    const keys = await inspector.keys(`${keyPrefix}*`);
    expect(keys.map((key) => key.slice(keyPrefix.length)).sort()).toEqual([
      '{alpha}:failures',
      '{alpha}:probe',
      '{alpha}:state',
      '{beta}:failures',
      '{beta}:state',
    ]);
    for (const key of keys) expect(await inspector.pttl(key)).toBeGreaterThan(0);
    const other = await twoProcesses({ failureThreshold: 1 });
    expect(other.first.health.entry('Alpha').status).toBe('unknown');
  });

  it('makes no Redis round trip on the closed path', async () => {
    const { first } = await twoProcesses({ failureThreshold: 3 });
    first.health.recordSuccess(ticket(first.health));
    await eventually('the first success to be written', () =>
      first.store.read('P')?.status === 'working' ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = await inspector.info('commandstats');
    for (let call = 0; call < 1000; call++) first.health.recordSuccess(ticket(first.health));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await inspector.info('commandstats');
    const scriptCalls = (info: string) =>
      ['evalsha', 'eval'].reduce((sum, command) => {
        const match = new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(info);
        return sum + Number(match?.[1] ?? 0);
      }, 0);
    expect(scriptCalls(after)).toBe(scriptCalls(before));
  });
});

describe('RedisHealthStore connection settings', () => {
  it('passes AUTH through, and a wrong password warns once without showing either password', async () => {
    const logger = capturingLogger();
    const url = redis.url.replace(password, 'wrong-password-d41c');
    const store = new RedisHealthStore({ url, logger, timeoutMs: 100, recoveryIntervalMs: 20 });
    stores.push(store);
    const health = new ProviderHealth(undefined, { failureThreshold: 1 }, store);
    expect(await store.ready(300)).toBe(false);
    for (let call = 0; call < 20; call++) health.recordFailure(ticket(health, `P${call}`), 'down');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logger.count('warn')).toBe(1);
    // Calls still get a breaker: the process keeps its own.
    expect(health.entry('P0').status).toBe('cooling-down');
    const everything = JSON.stringify([logger.lines, store.status(), health.snapshot()]);
    expect(everything).not.toContain('wrong-password-d41c');
    expect(everything).not.toContain(password);
    expect(store.status()).toMatchObject({ shared: false, redis: expect.stringContaining(':***@127.0.0.1') });

    const withOptions = new RedisHealthStore({ url: `redis://127.0.0.1:${redis.port}`, redis: { password } });
    stores.push(withOptions);
    expect(await withOptions.ready()).toBe(true);
  });

  it('passes TLS options through to a rediss:// server', async () => {
    const certificate = await selfSignedCertificate();
    const tlsRedis = await startRedisServer({
      password,
      tls: { certFile: certificate.certFile, keyFile: certificate.keyFile, caFile: certificate.certFile },
    });
    try {
      expect(tlsRedis.url.startsWith('rediss://')).toBe(true);
      const keyPrefix = `tls-${randomUUID()}:`;
      const [first, second] = [0, 1].map(() => {
        const store = new RedisHealthStore({ url: tlsRedis.url, keyPrefix, redis: { tls: { ca: certificate.pem } } });
        stores.push(store);
        return { store, health: new ProviderHealth(undefined, { failureThreshold: 1 }, store) };
      }) as [{ store: RedisHealthStore; health: ProviderHealth }, { store: RedisHealthStore; health: ProviderHealth }];
      expect(await first.store.ready()).toBe(true);
      expect(await second.store.ready()).toBe(true);
      second.health.entry('P');
      first.health.recordFailure(ticket(first.health), 'down');
      await eventually('the trip to travel over TLS', status(second.health, 'cooling-down'));

      // Without trusting the certificate there is no connection, and no outage either.
      const untrusting = new RedisHealthStore({ url: tlsRedis.url, timeoutMs: 100 });
      stores.push(untrusting);
      expect(await untrusting.ready(300)).toBe(false);
      expect(untrusting.status().mode).toBe('local');
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      stores = [];
      await tlsRedis.stop();
      await certificate.remove();
    }
  });

  it('names the option at fault, before connecting, without showing a password', () => {
    const bad = (options: unknown) => {
      try {
        new RedisHealthStore(options as RedisHealthStoreOptions);
      } catch (error) {
        expect(ConfigurationError.isInstance(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('expected a ConfigurationError');
    };
    const message = bad({ url: 'http://admin:hunter2@127.0.0.1:6379', timeoutMs: 0, keyprefix: 'x' });
    expect(message).toContain('url: expected a redis:// or rediss:// URL with a host');
    expect(message).toContain('timeoutMs: expected a positive integer, received 0');
    expect(message).toContain('unknown key "keyprefix"');
    expect(message).not.toContain('hunter2');
  });
});
