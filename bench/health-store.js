// Provider health on Redis against the in-process store, in the same run: what the Redis store
// adds to each call with a healthy provider (the target is no round trip, ≤ 0.05 ms), and how
// long a breaker that opens in one process of a fleet of four takes to be seen by all four.
import 'reflect-metadata';
import { execFile, fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { closeDispatchers, FallbackProvider, MemoryHealthStore, ProviderHealth } from '@switchyard/core';
import { RedisHealthStore } from '@switchyard/health-redis';
import { startRedisServer } from '@switchyard/health-redis/testing';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { startEmulatorChild } from './emulator-child.js';
import { median, percentile } from './median.js';

const batches = Number(process.env.BENCH_HEALTH_BATCHES ?? 40);
const callsPerBatch = 10_000;
const chainRounds = Number(process.env.BENCH_HEALTH_CHAIN_ROUNDS ?? 400);
const fleetRounds = Number(process.env.BENCH_HEALTH_FLEET_ROUNDS ?? 30);
const messages = [{ role: 'user', content: 'Healthy?' }];

/** Scripts Redis has run so far, as its own INFO counts them (redis-cli comes with redis-server). */
async function scriptCalls(port) {
  const { stdout } = await promisify(execFile)('redis-cli', ['-p', String(port), 'info', 'commandstats']);
  return ['evalsha', 'eval'].reduce(
    (sum, command) => sum + Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(stdout)?.[1] ?? 0),
    0,
  );
}

/** Milliseconds per call of the closed path alone: beginCall and recordSuccess. */
function closedPathMs(health) {
  const started = performance.now();
  for (let call = 0; call < callsPerBatch; call++) health.recordSuccess(health.beginCall('Healthy'));
  return (performance.now() - started) / callsPerBatch;
}

async function startFleet(redisUrl, members) {
  const keyPrefix = `bench-${process.pid}-${Date.now()}:`;
  return Promise.all(
    Array.from({ length: members }, async () => {
      const child = fork(new URL('./health-fleet-member.js', import.meta.url), [], {
        env: { ...process.env, BENCH_REDIS_URL: redisUrl, BENCH_KEY_PREFIX: keyPrefix },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const pending = new Map();
      let nextId = 0;
      const ready = new Promise((resolve) => pending.set(-1, resolve));
      child.on('message', (message) => pending.get(message.id)?.(message.result));
      if (!(await ready)) throw new Error('a fleet member could not reach Redis');
      return {
        ask(type) {
          const id = nextId++;
          return new Promise((resolve) => {
            pending.set(id, resolve);
            child.send({ id, type });
          });
        },
        async stop() {
          const exited = once(child, 'exit');
          await this.ask('exit');
          await exited;
        },
      };
    }),
  );
}

export async function benchHealthStore() {
  const redis = await startRedisServer();
  const emulator = await startEmulatorChild('openai');
  const redisStore = new RedisHealthStore({ url: redis.url, keyPrefix: `bench-${process.pid}:` });
  try {
    if (!(await redisStore.ready())) throw new Error('the benchmark could not reach its redis-server');
    const inMemory = new ProviderHealth(undefined, undefined, new MemoryHealthStore());
    const onRedis = new ProviderHealth(undefined, undefined, redisStore);
    // The first success is written (unknown → working); every later one on the closed path is not.
    onRedis.recordSuccess(onRedis.beginCall('Healthy'));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const memoryPerCall = [];
    const redisPerCall = [];
    closedPathMs(inMemory);
    closedPathMs(onRedis);
    for (let batch = 0; batch < batches; batch++) {
      memoryPerCall.push(closedPathMs(inMemory));
      redisPerCall.push(closedPathMs(onRedis));
    }

    // Whole calls through a chain to a healthy provider, alternating the two stores.
    const provider = new OpenAICompatible({
      name: 'Healthy',
      baseUrl: emulator.url,
      apiKey: 'sk-bench',
      models: ['bench-model'],
    });
    const chains = [inMemory, onRedis].map((health) => new FallbackProvider({ providers: [provider], health }));
    const chainMs = [[], []];
    const scriptsBefore = await scriptCalls(redis.port);
    for (let round = 0; round < chainRounds + 20; round++) {
      // Alternating which store goes first, so neither always follows the other.
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const index of order) {
        await emulator.queueReply(3);
        const started = performance.now();
        await chains[index].createCompletion(undefined, messages);
        if (round >= 20) chainMs[index].push(performance.now() - started);
      }
    }
    const scriptsDuringCalls = (await scriptCalls(redis.port)) - scriptsBefore;

    // A fleet of four: from the first failure in one process to all four skipping the provider.
    const fleet = await startFleet(redis.url, 4);
    const propagationMs = [];
    try {
      for (let round = 0; round < fleetRounds; round++) {
        const skipping = fleet.map((member) => member.ask('until-skipping'));
        await new Promise((resolve) => setTimeout(resolve, 20));
        const firstFailure = await fleet[0].ask('trip');
        const allSkipping = Math.max(...(await Promise.all(skipping)));
        propagationMs.push(allSkipping - firstFailure);
        await fleet[0].ask('reset');
        await Promise.all(fleet.map((member) => member.ask('until-working')));
      }
    } finally {
      await Promise.all(fleet.map((member) => member.stop()));
    }

    return {
      callsPerBatch,
      batches,
      memoryClosedPathMs: median(memoryPerCall),
      redisClosedPathMs: median(redisPerCall),
      closedPathAddedMs: median(redisPerCall) - median(memoryPerCall),
      chainRounds,
      memoryCallMs: median(chainMs[0]),
      redisCallMs: median(chainMs[1]),
      // Paired by round, so drift of a busy machine falls on both sides of each difference.
      callAddedMs: median(chainMs[1].map((redisMs, round) => redisMs - chainMs[0][round])),
      scriptsDuringCalls,
      fleetRounds,
      propagationMedianMs: median(propagationMs),
      propagationP95Ms: percentile(propagationMs, 0.95),
      propagationMaxMs: Math.max(...propagationMs),
    };
  } finally {
    await redisStore.close();
    await emulator.stop();
    await redis.stop();
    await closeDispatchers();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchHealthStore();
  const us = (ms) => `${(ms * 1000).toFixed(3)} µs`;
  console.log(`Provider health, Redis store against the in-process store (same run)`);
  console.log(
    `  closed path per call (median of ${result.batches} × ${result.callsPerBatch}): ${us(result.redisClosedPathMs)} vs ${us(result.memoryClosedPathMs)}, added ${us(result.closedPathAddedMs)} (target ≤ 50 µs)`,
  );
  console.log(
    `  whole call through a chain (median of ${result.chainRounds}): ${result.redisCallMs.toFixed(3)} ms vs ${result.memoryCallMs.toFixed(3)} ms, added ${result.callAddedMs.toFixed(3)} ms (median of paired differences; target ≤ 0.05 ms)`,
  );
  console.log(
    `  Redis scripts run during those ${result.chainRounds + 20} healthy calls: ${result.scriptsDuringCalls}`,
  );
  console.log(
    `  breaker open in 1 process → all 4 skipping (${result.fleetRounds} rounds): median ${result.propagationMedianMs.toFixed(1)} ms, p95 ${result.propagationP95Ms.toFixed(1)} ms, max ${result.propagationMaxMs.toFixed(1)} ms (target ≤ 250 ms)`,
  );
}
