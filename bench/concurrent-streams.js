// Streams held open mid-answer in one process: how many fail, and the heap each costs while it is
// open, for the OpenAICompatible provider and for a raw undici + eventsource-parser loop. Every
// stream gets its first token, then the server holds the rest back; the heap is sampled after a
// forced GC once every stream is open and waiting.
import { setTimeout as delay } from 'node:timers/promises';
import { closeDispatchers } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { startEmulatorChild } from './emulator-child.js';
import { closeRawOpenAIAgent, rawOpenAICall } from './raw-openai-loop.js';

const streams = Number(process.env.BENCH_STREAMS ?? 500);
const tokens = 3;
// Long enough for every stream to open and be sampled before the second token.
const holdMs = Number(process.env.BENCH_HOLD_MS ?? 4_000);
const messages = [{ role: 'user', content: 'Stream with everyone else.' }];

/** Opens `streams` calls at once; once each has its first token, samples the heap after GC. */
async function measure(emulator, call) {
  globalThis.gc();
  const baseline = process.memoryUsage().heapUsed;
  await emulator.queueReply(tokens, { times: streams, tokenDelayMs: holdMs });
  let opened = 0;
  let allOpen;
  const everyoneOpen = new Promise((resolve) => {
    allOpen = resolve;
  });
  const onFirst = () => {
    opened += 1;
    if (opened === streams) allOpen();
  };
  const results = Promise.allSettled(Array.from({ length: streams }, () => call(onFirst)));
  await Promise.race([everyoneOpen, delay(holdMs * 0.75)]);
  globalThis.gc();
  const held = process.memoryUsage().heapUsed;
  const settled = await results;
  const failures = settled.filter((result) => result.status === 'rejected');
  return {
    opened,
    errors: failures.length,
    firstError: failures[0]?.reason?.message,
    bytesPerStream: (held - baseline) / streams,
    complete: settled.filter((result) => result.status === 'fulfilled' && result.value === tokens).length,
  };
}

export async function benchConcurrentStreams() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const emulator = await startEmulatorChild('openai');
  try {
    const provider = new OpenAICompatible({ baseUrl: emulator.url, apiKey: 'sk-bench', models: ['bench-model'] });
    const viaProvider = async (onFirst) => {
      let count = 0;
      for await (const delta of provider.createAsyncGenerator(undefined, messages)) {
        if (count === 0) onFirst();
        count += delta.split(' w').length - 1;
      }
      return count;
    };
    const viaRaw = async (onFirst) => {
      let count = 0;
      await rawOpenAICall({
        baseUrl: emulator.url,
        apiKey: 'sk-bench',
        model: 'bench-model',
        messages,
        onText: (text) => {
          if (count === 0) onFirst();
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
  console.log(`${result.streams} streams held open mid-answer`);
  console.log(
    `  raw:      ${kib(result.raw.bytesPerStream)} per stream, ${result.raw.errors} errors, ${result.raw.opened} opened`,
  );
  console.log(
    `  provider: ${kib(result.provider.bytesPerStream)} per stream, ${result.provider.errors} errors, ${result.provider.opened} opened (${result.memoryRatio.toFixed(2)}×)`,
  );
}
