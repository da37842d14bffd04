// The cost of falling back. Time to first token through a chain whose first provider refuses
// connections, against the second provider called alone, in the same run; and how many
// connections a provider in cooldown receives (the target is none).
import { performance } from 'node:perf_hooks';
import { closeDispatchers, FallbackProvider, ProviderHealth } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { closedPort } from '@switchyard/testing';
import { startEmulatorChild } from './emulator-child.js';
import { median } from './median.js';

const rounds = Number(process.env.BENCH_FALLBACK_ROUNDS ?? 200);
const messages = [{ role: 'user', content: 'First token, please.' }];

async function timeToFirstToken(provider) {
  const started = performance.now();
  const stream = provider.createAsyncGenerator(undefined, messages);
  await stream.next();
  const elapsed = performance.now() - started;
  for await (const _ of stream);
  return elapsed;
}

export async function benchFallback() {
  const healthy = await startEmulatorChild('openai');
  const flaky = await startEmulatorChild('openai');
  const endpoint = (name, url) =>
    new OpenAICompatible({ name, baseUrl: url, apiKey: 'sk-bench', models: ['bench-model'] });
  try {
    const second = endpoint('Healthy', healthy.url);
    const refusing = endpoint('Refusing', `http://127.0.0.1:${await closedPort()}/v1`);
    // Health is left out of the timing chain so the refusing provider is tried on every call.
    const chain = () => new FallbackProvider({ providers: [refusing, second] });

    // A chain over one healthy provider, built once as an app builds it: what fallback costs when not needed.
    const single = new FallbackProvider({ providers: [second] });
    const alone = [];
    const through = [];
    const overOne = [];
    for (let round = -20; round < rounds; round++) {
      await healthy.queueReply(3, { times: 3 });
      const aloneMs = await timeToFirstToken(second);
      const overOneMs = await timeToFirstToken(single);
      const throughMs = await timeToFirstToken(chain());
      if (round < 0) continue;
      alone.push(aloneMs);
      overOne.push(overOneMs);
      through.push(throughMs);
    }

    // Cooldown: three failures open the circuit; afterwards the flaky provider must see nothing.
    const health = new ProviderHealth(undefined, { failureThreshold: 3, cooldownMs: 60_000 });
    const guarded = new FallbackProvider({ providers: [endpoint('Flaky', flaky.url), second], health });
    await flaky.failNext('chat_completions', 503, 3);
    for (let call = 0; call < 3; call++) {
      await healthy.queueReply(3);
      await guarded.createCompletion(undefined, messages);
    }
    const before = await flaky.stats();
    const cooldownCalls = 50;
    for (let call = 0; call < cooldownCalls; call++) {
      await healthy.queueReply(3);
      await guarded.createCompletion(undefined, messages);
    }
    const after = await flaky.stats();

    return {
      rounds,
      aloneMedianMs: median(alone),
      fallbackMedianMs: median(through),
      overheadMedianMs: median(through) - median(alone),
      overOneMedianMs: median(overOne),
      overOneAddedMs: median(overOne) - median(alone),
      cooldownCalls,
      cooldownConnections: after.connectionsAccepted - before.connectionsAccepted,
      cooldownRequests: after.requests - before.requests,
      circuit: health.entry('Flaky').status,
    };
  } finally {
    await healthy.stop();
    await flaky.stop();
    await closeDispatchers();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchFallback();
  console.log(`Fallback, median of ${result.rounds} rounds`);
  console.log(`  time to first token, second provider alone:       ${result.aloneMedianMs.toFixed(2)} ms`);
  console.log(`  time to first token, after a refused first one:   ${result.fallbackMedianMs.toFixed(2)} ms`);
  console.log(
    `  fallback overhead (median):                       ${result.overheadMedianMs.toFixed(2)} ms (target ≤ 2 ms)`,
  );
  console.log(
    `  provider in cooldown (${result.circuit}): ${result.cooldownConnections} connections, ${result.cooldownRequests} requests over ${result.cooldownCalls} calls (target 0)`,
  );
}
