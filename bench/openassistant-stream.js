// Streams N token events through the OpenAssistant provider and through a raw undici +
// eventsource-parser loop making the same requests to the same emulator, in the same run,
// and reports the throughput ratio, the TCP connections one call opens, and the heap over a
// 1,000,000-token stream. Run with --expose-gc (`pnpm bench` does).
import { performance } from 'node:perf_hooks';
import { closeDispatchers } from '@switchyard/core';
import { OpenAssistant } from '@switchyard/provider-openassistant';
import { startEmulatorChild } from './emulator-child.js';
import { median } from './median.js';
import { closeRawAgent, rawOpenAssistantCall } from './raw-openassistant-loop.js';
import { startSeedClient } from './seed-client.js';

const throughputTokens = Number(process.env.BENCH_TOKENS ?? 200_000);
const heapTokens = Number(process.env.BENCH_HEAP_TOKENS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
const seedRounds = Number(process.env.BENCH_SEED_ROUNDS ?? 5);
// aiohttp reads a line of at most 512 KiB, and Open Assistant's final event repeats the whole
// answer on one line: the seed cannot read a 200k-token answer at all, so it gets 80k.
const seedTokens = Number(process.env.BENCH_SEED_TOKENS ?? 80_000);
const messages = [{ role: 'user', content: 'Count for me.' }];
const model = '_lorem';

export async function benchOpenAssistantStream() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const emulator = await startEmulatorChild('openassistant');
  const cookie = `__Secure-next-auth.session-token=${emulator.sessionToken}`;
  const provider = new OpenAssistant(
    {
      baseUrl: emulator.url,
      cookies: { '__Secure-next-auth.session-token': emulator.sessionToken },
      // The final `message` event carries the whole answer on one line: ~5 MB for 1M tokens.
      maxSseBufferSize: 64 * 1024 * 1024,
    },
    { env: {} },
  );

  const viaProvider = async (tokens) => {
    await emulator.queueReply(tokens);
    let characters = 0;
    const started = performance.now();
    for await (const delta of provider.createAsyncGenerator(model, messages)) characters += delta.length;
    return { ms: performance.now() - started, characters };
  };
  const viaRaw = async (tokens) => {
    await emulator.queueReply(tokens);
    let characters = 0;
    const started = performance.now();
    await rawOpenAssistantCall({
      baseUrl: emulator.url,
      cookie,
      model,
      content: `<s>[INST]\n${messages[0].content}\n[/INST]`,
      onText: (text) => {
        characters += text.length;
      },
    });
    return { ms: performance.now() - started, characters };
  };

  try {
    // One TCP connection per call: a fresh pool, one call, count what the server accepted.
    await closeDispatchers();
    const before = (await emulator.stats()).connectionsAccepted;
    await viaProvider(10);
    const connectionsPerCall = (await emulator.stats()).connectionsAccepted - before;

    await viaProvider(throughputTokens);
    await viaRaw(throughputTokens);
    const providerRuns = [];
    const rawRuns = [];
    for (let round = 0; round < rounds; round++) {
      rawRuns.push(await viaRaw(throughputTokens));
      providerRuns.push(await viaProvider(throughputTokens));
    }
    if (providerRuns.some((run) => run.characters !== rawRuns[0].characters)) {
      throw new Error('the provider and the raw loop received different text');
    }
    const providerTokensPerSecond = throughputTokens / (median(providerRuns.map((run) => run.ms)) / 1000);
    const rawTokensPerSecond = throughputTokens / (median(rawRuns.map((run) => run.ms)) / 1000);

    // The seed's own Python client, warm, interleaved with the provider on the same emulator.
    const seed = await startSeedClient({ baseUrl: emulator.url, cookie, model });
    let seedTokensPerSecond;
    let seedProviderTokensPerSecond;
    let seedRawTokensPerSecond;
    if (seed.missing === undefined) {
      try {
        const seedRuns = [];
        const againstSeed = [];
        const rawAgainstSeed = [];
        for (let round = -1; round < seedRounds; round++) {
          await emulator.queueReply(seedTokens);
          const seedRun = await seed.call();
          const providerRun = await viaProvider(seedTokens);
          const rawRun = await viaRaw(seedTokens);
          if (round < 0) continue;
          rawAgainstSeed.push(rawRun.ms);
          if (seedRun.characters !== providerRun.characters)
            throw new Error('the seed and the provider received different text');
          seedRuns.push(seedRun.ms);
          againstSeed.push(providerRun.ms);
        }
        seedTokensPerSecond = seedTokens / (median(seedRuns) / 1000);
        seedProviderTokensPerSecond = seedTokens / (median(againstSeed) / 1000);
        seedRawTokensPerSecond = seedTokens / (median(rawAgainstSeed) / 1000);
      } finally {
        await seed.stop();
      }
    }

    // Time to first token: small answers, the clock stopped at the first text either way.
    const ttftRounds = Number(process.env.BENCH_TTFT_ROUNDS ?? 100);
    const providerFirst = [];
    const rawFirst = [];
    for (let round = 0; round < ttftRounds; round++) {
      await emulator.queueReply(3);
      let started = performance.now();
      let first;
      await rawOpenAssistantCall({
        baseUrl: emulator.url,
        cookie,
        model,
        content: `<s>[INST]\n${messages[0].content}\n[/INST]`,
        onText: () => {
          first ??= performance.now() - started;
        },
      });
      rawFirst.push(first);
      await emulator.queueReply(3);
      started = performance.now();
      const stream = provider.createAsyncGenerator(model, messages);
      await stream.next();
      providerFirst.push(performance.now() - started);
      for await (const _ of stream);
    }

    // Heap over a long stream: sampled after a forced GC, so only what is retained counts.
    await emulator.queueReply(heapTokens);
    const samples = [];
    let characters = 0;
    let nextSample = 0;
    for await (const delta of provider.createAsyncGenerator(model, messages)) {
      characters += delta.length;
      if (characters >= nextSample) {
        globalThis.gc();
        samples.push(process.memoryUsage().heapUsed);
        nextSample += Math.ceil((heapTokens * 5) / 20);
      }
    }
    // The first samples include the warm-up of the delivered-text buffer (its first MiB);
    // after that, a constant heap means the second half grows no more than noise.
    const settled = samples.slice(2);
    const heapGrowthBytes = Math.max(...settled) - settled[0];
    const half = Math.floor(samples.length / 2);
    const secondHalfGrowthBytes = Math.max(...samples.slice(half)) - samples[half];
    const stats = await emulator.stats();

    return {
      throughputTokens,
      providerTokensPerSecond,
      rawTokensPerSecond,
      throughputRatio: providerTokensPerSecond / rawTokensPerSecond,
      seedMissing: seed.missing,
      seedTokensPerSecond,
      seedRatio: seedTokensPerSecond === undefined ? undefined : seedProviderTokensPerSecond / seedTokensPerSecond,
      rawSeedRatio: seedTokensPerSecond === undefined ? undefined : seedRawTokensPerSecond / seedTokensPerSecond,
      seedTokens,
      providerFirstTokenMs: median(providerFirst),
      rawFirstTokenMs: median(rawFirst),
      firstTokenRatio: median(providerFirst) / median(rawFirst),
      connectionsPerCall,
      heapTokens,
      heapSamples: samples.length,
      heapGrowthBytes,
      secondHalfGrowthBytes,
      heapSamplesMiB: samples.map((bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10),
      liveChatsLeft: stats.liveChats,
    };
  } finally {
    await emulator.stop();
    await closeDispatchers();
    await closeRawAgent();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchOpenAssistantStream();
  const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  console.log(`OpenAssistant stream, ${result.throughputTokens} tokens, median of ${rounds} rounds`);
  console.log(`  raw undici + eventsource-parser: ${Math.round(result.rawTokensPerSecond)} tokens/s`);
  console.log(`  OpenAssistant provider:          ${Math.round(result.providerTokensPerSecond)} tokens/s`);
  console.log(`  ratio provider / raw:            ${result.throughputRatio.toFixed(3)}× (target ≥ 0.9×)`);
  console.log(
    `  first token: raw ${result.rawFirstTokenMs.toFixed(2)} ms, provider ${result.providerFirstTokenMs.toFixed(2)} ms (${result.firstTokenRatio.toFixed(2)}×)`,
  );
  console.log(`  TCP connections for one call:    ${result.connectionsPerCall} (target 1)`);
  console.log(
    `  heap growth over ${result.heapTokens} tokens: ${mib(result.heapGrowthBytes)} across ${result.heapSamples} samples after GC`,
  );
  console.log(`  heap growth over the second half: ${mib(result.secondHalfGrowthBytes)}`);
  console.log(`  heap samples (MiB):              ${result.heapSamplesMiB.join(' ')}`);
  console.log(`  chats left on the server:        ${result.liveChatsLeft}`);
}
