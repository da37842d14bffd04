// The dead-first-provider row against the library users reach for: a chain whose first server
// refuses connections, each built once as an app builds it (with its defaults, but told to switch
// on a refused connection where it would not), timed to the first token against the same
// library over the healthy server alone, interleaved, on the same emulator in its own process.
// Switchyard's chain keeps its breaker, as ai-fallback keeps its memory of the failed model.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { closeDispatchers, FallbackProvider } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { closedPort } from '@switchyard/testing';
import { streamText } from 'ai';
import { createFallback } from 'ai-fallback';
import { startEmulatorChild } from './emulator-child.js';
import { median } from './median.js';

const rounds = Number(process.env.BENCH_FALLBACK_ROUNDS ?? 200);
const messages = [{ role: 'user', content: 'First token, please.' }];

async function switchyardFirstToken(provider) {
  const started = performance.now();
  let first;
  for await (const _ of provider.createAsyncGenerator(undefined, messages)) first ??= performance.now() - started;
  return first;
}

async function aiSdkFirstToken(model) {
  const started = performance.now();
  let first;
  const result = streamText({ model, messages, maxRetries: 0, onError: () => {} });
  for await (const _ of result.textStream) first ??= performance.now() - started;
  return first;
}

export async function benchFallbackLibraries() {
  const healthy = await startEmulatorChild('openai');
  const deadUrl = `http://127.0.0.1:${await closedPort()}/v1`;
  const switchyard = (name, baseUrl) =>
    new OpenAICompatible({ name, baseUrl, apiKey: 'sk-bench', models: ['bench-model'] });
  const aiSdk = (baseURL) =>
    createOpenAICompatible({ name: 'emulator', baseURL, apiKey: 'sk-bench' }).chatModel('bench-model');
  const contenders = {
    switchyard: {
      alone: switchyard('Healthy', healthy.url),
      chain: new FallbackProvider({ providers: [switchyard('Dead', deadUrl), switchyard('Healthy', healthy.url)] }),
      firstToken: switchyardFirstToken,
    },
    'ai-fallback': {
      alone: aiSdk(healthy.url),
      // Its default does not switch on a refused connection at all; told to, it does.
      chain: createFallback({
        models: [aiSdk(deadUrl), aiSdk(healthy.url)],
        shouldRetryThisError: () => true,
        onError: () => {},
      }),
      firstToken: aiSdkFirstToken,
    },
  };
  const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, { alone: [], chain: [] }]));
  try {
    for (let round = -20; round < rounds; round++) {
      for (const [name, contender] of Object.entries(contenders)) {
        await healthy.queueReply(3, { times: 2 });
        const alone = await contender.firstToken(contender.alone);
        const chain = await contender.firstToken(contender.chain);
        if (round < 0) continue;
        times[name].alone.push(alone);
        times[name].chain.push(chain);
      }
    }
    return Object.fromEntries(
      Object.entries(times).map(([name, { alone, chain }]) => [
        name,
        { aloneMs: median(alone), chainMs: median(chain), addedMs: median(chain) - median(alone) },
      ]),
    );
  } finally {
    await healthy.stop();
    await closeDispatchers();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchFallbackLibraries(), null, 2));
}
