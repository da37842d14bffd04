// One process of the benchmark's fleet: a ProviderHealth on the shared RedisHealthStore,
// scripted over IPC. Times are epoch milliseconds with sub-millisecond precision, comparable
// across the processes of one machine.
import 'reflect-metadata';
import { ProviderHealth } from '@switchyard/core';
import { RedisHealthStore } from '@switchyard/health-redis';

const now = () => performance.timeOrigin + performance.now();
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const store = new RedisHealthStore({ url: process.env.BENCH_REDIS_URL, keyPrefix: process.env.BENCH_KEY_PREFIX });
const health = new ProviderHealth(undefined, { failureThreshold: 3, cooldownMs: 60_000 }, store);
const provider = 'Upstream';

const handlers = {
  // Calls as a busy process would (every millisecond) until one is skipped: when was that?
  async 'until-skipping'() {
    while (health.beginCall(provider) !== undefined) await pause(1);
    return now();
  },
  // Three failed calls in a row, the threshold: when did the first one fail?
  trip() {
    const firstFailure = now();
    for (let failure = 0; failure < 3; failure++) {
      const ticket = health.beginCall(provider);
      if (ticket !== undefined) health.recordFailure(ticket, 'the upstream answered 500');
    }
    return firstFailure;
  },
  reset() {
    health.markWorking(provider);
    return true;
  },
  async 'until-working'() {
    while (health.entry(provider).status !== 'working') await pause(1);
    return true;
  },
  async exit() {
    await store.close();
    setImmediate(() => process.exit(0));
    return true;
  },
};

process.on('message', async (message) => {
  process.send({ id: message.id, result: await handlers[message.type]() });
});
process.on('disconnect', () => process.exit(0));
process.send({ id: -1, result: await store.ready(10_000) });
