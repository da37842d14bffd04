// Drains N tokens from the OpenAI-compatible emulator (in its own process) through the
// OpenAICompatible provider and through a raw undici + eventsource-parser loop, interleaved, and
// measures time to first token on small answers the same way. Ratios are Switchyard over raw.
import { performance } from 'node:perf_hooks';
import { closeDispatchers } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { startEmulatorChild } from './emulator-child.js';
import { median } from './median.js';
import { closeRawOpenAIAgent, rawOpenAICall } from './raw-openai-loop.js';

const drainTokens = Number(process.env.BENCH_TOKENS ?? 200_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
const ttftRounds = Number(process.env.BENCH_TTFT_ROUNDS ?? 200);
const messages = [{ role: 'user', content: 'Count for me.' }];
const model = 'bench-model';

export async function benchOpenAIStream() {
  const emulator = await startEmulatorChild('openai');
  const provider = new OpenAICompatible({ baseUrl: emulator.url, apiKey: 'sk-bench', models: [model] });
  const viaProvider = async () => {
    let characters = 0;
    let first;
    const started = performance.now();
    for await (const delta of provider.createAsyncGenerator(model, messages)) {
      first ??= performance.now() - started;
      characters += delta.length;
    }
    return { ms: performance.now() - started, first, characters };
  };
  const viaRaw = async () => {
    let characters = 0;
    let first;
    const started = performance.now();
    await rawOpenAICall({
      baseUrl: emulator.url,
      apiKey: 'sk-bench',
      model,
      messages,
      onText: (text) => {
        first ??= performance.now() - started;
        characters += text.length;
      },
    });
    return { ms: performance.now() - started, first, characters };
  };
  try {
    // Warm both paths: connections, JIT.
    for (let warm = 0; warm < 3; warm++) {
      await emulator.queueReply(drainTokens);
      await viaProvider();
      await emulator.queueReply(drainTokens);
      await viaRaw();
    }
    const provided = [];
    const raw = [];
    for (let round = 0; round < rounds; round++) {
      await emulator.queueReply(drainTokens);
      raw.push(await viaRaw());
      await emulator.queueReply(drainTokens);
      provided.push(await viaProvider());
    }
    if (provided.some((run) => run.characters !== raw[0].characters)) throw new Error('different text');
    const providerFirst = [];
    const rawFirst = [];
    for (let round = 0; round < ttftRounds; round++) {
      await emulator.queueReply(3);
      rawFirst.push((await viaRaw()).first);
      await emulator.queueReply(3);
      providerFirst.push((await viaProvider()).first);
    }
    const drainMs = median(provided.map((run) => run.ms));
    const rawDrainMs = median(raw.map((run) => run.ms));
    return {
      drainTokens,
      drainMs,
      rawDrainMs,
      throughputRatio: rawDrainMs / drainMs,
      firstTokenMs: median(providerFirst),
      rawFirstTokenMs: median(rawFirst),
      firstTokenRatio: median(providerFirst) / median(rawFirst),
    };
  } finally {
    await emulator.stop();
    await closeDispatchers();
    await closeRawOpenAIAgent();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchOpenAIStream();
  console.log(JSON.stringify(result, null, 2));
}
