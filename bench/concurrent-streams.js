// 1,000 streams at once in one process: how many fail, and the heap each costs while open,
// for the OpenAICompatible provider and for a raw undici + eventsource-parser loop.
import { setTimeout as delay } from 'node:timers/promises';
import { closeDispatchers } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { startEmulatorChild } from './emulator-child.js';
import { closeRawOpenAIAgent, rawOpenAICall } from './raw-openai-loop.js';

const streams = Number(process.env.BENCH_STREAMS ?? 1000);
const tokens = 40;
const tokenDelayMs = 10;
const messages = [{ role: 'user', content: 'Stream with everyone else.' }];

/** Runs `streams` calls at once and samples the heap (after GC) while they are open. */
async function measure(emulator, call) {
  globalThis.gc();
  const baseline = process.memoryUsage().heapUsed;
  await emulator.queueReply(tokens, { times: streams, tokenDelayMs });
  let peak = baseline;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await delay(25);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  })();
  const results = await Promise.allSettled(Array.from({ length: streams }, () => call()));
  sampling = false;
  await sampler;
  const failures = results.filter((result) => result.status === 'rejected');
  return {
    errors: failures.length,
    firstError: failures[0]?.reason?.message,
    bytesPerStream: (peak - baseline) / streams,
    complete: results.filter((result) => result.status === 'fulfilled' && result.value === tokens).length,
  };
}

export async function benchConcurrentStreams() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const emulator = await startEmulatorChild('openai');
  try {
    const provider = new OpenAICompatible({ baseUrl: emulator.url, apiKey: 'sk-bench', models: ['bench-model'] });
    const viaProvider = async () => {
      let count = 0;
      for await (const delta of provider.createAsyncGenerator(undefined, messages))
        count += delta.split(' w').length - 1;
      return count;
    };
    const viaRaw = async () => {
      let count = 0;
      await rawOpenAICall({
        baseUrl: emulator.url,
        apiKey: 'sk-bench',
        model: 'bench-model',
        messages,
        onText: (text) => {
          count += text.split(' w').length - 1;
        },
      });
      return count;
    };
    // A first, unmeasured round opens the connections both pools keep.
    await measure(emulator, viaRaw);
    await measure(emulator, viaProvider);
    const raw = await measure(emulator, viaRaw);
    const switchyard = await measure(emulator, viaProvider);
    return { streams, tokens, raw, provider: switchyard, memoryRatio: switchyard.bytesPerStream / raw.bytesPerStream };
  } finally {
    await emulator.stop();
    await closeDispatchers();
    await closeRawOpenAIAgent();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchConcurrentStreams();
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`${result.streams} concurrent streams of ${result.tokens} tokens`);
  console.log(
    `  raw:      ${result.raw.errors} errors, ${result.raw.complete} complete, ${kib(result.raw.bytesPerStream)} heap per stream`,
  );
  console.log(
    `  provider: ${result.provider.errors} errors, ${result.provider.complete} complete, ${kib(result.provider.bytesPerStream)} heap per stream (${result.memoryRatio.toFixed(2)}× raw)`,
  );
  if (result.provider.firstError) console.log(`  first provider error: ${result.provider.firstError}`);
}
