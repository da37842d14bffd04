import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { closeDispatchers, FallbackProvider, type Messages, ProviderHealth } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisHealthStore } from './redis-health-store.js';
import { type CapturingLogger, capturingLogger } from './test-support/capturing-logger.js';
import { eventually } from './test-support/eventually.js';
import { type FlakyUpstream, startFlakyUpstream } from './test-support/flaky-upstream.js';
import { type RunningRedisServer, startRedisServer } from './testing/redis-server-process.js';

// Redis going away must never be an outage: two stores (as two processes would hold) on one
// real redis-server, which the tests kill, stall and restart while calls go on.
const password = 'fault-secret-9f3a';
const policy = { failureThreshold: 2, cooldownMs: 60_000, maxCooldownMs: 60_000 };
const messages: Messages = [{ role: 'user', content: 'Still there?' }];

interface Process {
  readonly store: RedisHealthStore;
  readonly health: ProviderHealth;
  readonly logger: CapturingLogger;
  /** Over a failing provider, then a healthy one: every call is served, and every call tells Redis something. */
  readonly chain: FallbackProvider;
}

let redis: RunningRedisServer;
let healthy: FlakyUpstream;
let failing: FlakyUpstream;
let processes: Process[] = [];

beforeEach(async () => {
  redis = await startRedisServer({ password });
  healthy = await startFlakyUpstream('ok');
  failing = await startFlakyUpstream('fail');
  const keyPrefix = `faults-${randomUUID()}:`;
  processes = [0, 1].map(() => {
    const logger = capturingLogger();
    const store = new RedisHealthStore({ url: redis.url, keyPrefix, logger, timeoutMs: 100, recoveryIntervalMs: 50 });
    const health = new ProviderHealth(undefined, policy, store);
    const provider = (name: string, url: string) =>
      new OpenAICompatible({ name, baseUrl: url, apiKey: 'sk-faults', models: ['fleet-model'] });
    const chain = new FallbackProvider({
      providers: [provider('Failing', failing.url), provider('Healthy', healthy.url)],
      health,
    });
    return { store, health, logger, chain };
  });
  for (const { store } of processes) expect(await store.ready()).toBe(true);
});

afterEach(async () => {
  await Promise.all(processes.map(({ store }) => store.close()));
  await Promise.all([redis.stop(), healthy.close(), failing.close()]);
});
afterAll(closeDispatchers);

async function callsAllServed(process: Process, count: number): Promise<void> {
  for (let call = 0; call < count; call++) {
    const completion = await process.chain.createCompletion(undefined, messages);
    expect(completion.provider).toBe('Healthy');
  }
}

/** Marks a provider in one process and waits until the other sees it: the state is shared. */
async function expectShared(from: Process, to: Process): Promise<void> {
  const provider = `Shared-${randomUUID()}`;
  to.health.entry(provider);
  from.health.markNotWorking(provider, 'maintenance', 60_000);
  await eventually('the mark to reach the other process', () =>
    to.health.entry(provider).status === 'cooling-down' ? true : undefined,
  );
  from.health.markWorking(provider);
  await eventually('the other process to see it working', () =>
    to.health.entry(provider).status === 'working' ? true : undefined,
  );
}

function expectOneWarningWithoutPassword(process: Process): void {
  expect(process.logger.count('warn')).toBe(1);
  expect(process.logger.lines.find((line) => line.level === 'warn')?.message).toContain('redis://:***@127.0.0.1');
  expect(JSON.stringify(process.logger.lines)).not.toContain(password);
  expect(JSON.stringify(process.store.status())).not.toContain(password);
}

describe('RedisHealthStore when Redis fails', () => {
  it('goes on alone when Redis is killed, warns once, and shares again once Redis is back', async () => {
    const [first, second] = processes as [Process, Process];
    await expectShared(first, second);
    await callsAllServed(first, 3);
    await eventually('the trip to reach the other process', () =>
      second.health.entry('Failing').status === 'cooling-down' ? true : undefined,
    );

    await redis.kill();
    await callsAllServed(first, 10);
    await callsAllServed(second, 10);
    await eventually('both to notice', () =>
      first.store.status().shared || second.store.status().shared ? undefined : true,
    );
    expectOneWarningWithoutPassword(first);

    await redis.restart();
    await eventually('both to share again', () =>
      first.store.status().shared && second.store.status().shared ? true : undefined,
    );
    await callsAllServed(second, 3);
    await expectShared(second, first);
    expectOneWarningWithoutPassword(first);
    expectOneWarningWithoutPassword(second);
    expect(first.logger.lines.filter((line) => line.level === 'info').map((line) => line.message)).toEqual([
      expect.stringContaining('is back; breakers are shared again'),
    ]);
  });

  it('goes on alone while Redis is stalled (SIGSTOP), bounded by its own timeout, and shares again after', async () => {
    const [first, second] = processes as [Process, Process];
    await expectShared(first, second);
    redis.pause();
    try {
      // The failing provider's failures must reach Redis: they time out, and the process breaks alone.
      await callsAllServed(first, 10);
      await eventually('the timeout to make the process go on alone', () =>
        first.store.status().mode === 'local' ? true : undefined,
      );
      await callsAllServed(first, 10);
      expect(first.health.entry('Failing').status).toBe('cooling-down');
      expect(first.logger.count('warn')).toBe(1);
    } finally {
      redis.resume();
    }
    await eventually('sharing again', () => (first.store.status().shared ? true : undefined));
    await callsAllServed(first, 3);
    await expectShared(first, second);
    await expectShared(second, first);
    expectOneWarningWithoutPassword(first);
  });

  it('shares again after Redis restarts empty, with the state the fleet writes from then on', async () => {
    const [first, second] = processes as [Process, Process];
    first.health.markNotWorking('Healthy', 'drained for a deploy', 60_000);
    await eventually('the mark to be shared', () =>
      second.health.entry('Healthy').status === 'cooling-down' ? true : undefined,
    );

    await redis.restart();
    await eventually('both to share again', () =>
      first.store.status().shared && second.store.status().shared ? true : undefined,
    );
    // The restarted Redis knows nothing: the mark went with it, in every process.
    expect(second.health.entry('Healthy').status).toBe('unknown');
    await callsAllServed(second, 5);
    await expectShared(first, second);
    expectOneWarningWithoutPassword(first);
    expectOneWarningWithoutPassword(second);
  });
});
