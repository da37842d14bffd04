// The gateway against the provider called directly, against a bare node:http relay (the hop
// alone) and against Portkey's gateway, in one run, over the same emulator in its own process:
// time to first token, a 200k-token drain, and
// 1,000 concurrent streams through Switchyard's gateway with its RSS per open stream. Each
// gateway runs in its own process; the raw undici + eventsource-parser client reads from all.
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { closeDispatchers } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { closedPort } from '@switchyard/testing';
import { createParser } from 'eventsource-parser';
import { Agent, request } from 'undici';
import { startEmulatorChild } from './emulator-child.js';
import { median } from './median.js';

const drainTokens = Number(process.env.BENCH_DRAIN_TOKENS ?? 200_000);
const firstTokenRounds = 200;
const concurrentStreams = 1000;
const messages = [{ role: 'user', content: 'Benchmark me.' }];
const agent = new Agent({ connections: null, keepAliveTimeout: 10_000 });

async function startGatewayChild(emulatorUrl, script = './gateway-process.js') {
  const child = fork(new URL(script, import.meta.url), [emulatorUrl], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--expose-gc'],
  });
  const [ready] = await once(child, 'message');
  return {
    url: `${ready.url}/v1`,
    async rss() {
      const answer = once(child, 'message');
      child.send({ type: 'rss' });
      return (await answer)[0].rss;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}

async function startPortkey() {
  const port = await closedPort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      new URL('./portkey-fetch-shim.js', import.meta.url).pathname,
      new URL('../node_modules/@portkey-ai/gateway/build/start-server.js', import.meta.url).pathname,
      `--port=${port}`,
      '--headless',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const up = await request(url, { dispatcher: agent }).then(
      async (response) => {
        await response.body.dump();
        return true;
      },
      () => false,
    );
    if (up) break;
    if (tries > 200 || child.exitCode !== null) {
      child.kill();
      throw new Error('Portkey did not start');
    }
    await delay(50);
  }
  return {
    url: `${url}/v1`,
    async stop() {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}

/** The raw client every gateway is read with: one undici request and eventsource-parser. */
async function rawStream(baseUrl, headers, onText) {
  const response = await request(`${baseUrl}/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: headers.model ?? 'bench', messages, stream: true }),
  });
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
  let failure;
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      const payload = JSON.parse(event.data);
      if (payload.error !== undefined) failure = new Error(payload.error.message);
      const content = payload.choices?.[0]?.delta?.content;
      if (content) onText(content);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
  if (failure !== undefined) throw failure;
}

const countTokens = (text) => text.split(' w').length - 1;

/** Milliseconds from the request to the first content delta, and the tokens it delivered. */
async function timed(call) {
  const started = performance.now();
  let first;
  let tokens = 0;
  await call((text) => {
    first ??= performance.now() - started;
    tokens += countTokens(text);
  });
  return { first, tokens, totalMs: performance.now() - started };
}

/** Median first-token time and drain rate of each path, measured in interleaved rounds. */
async function measurePaths(emulator, paths) {
  for (const call of Object.values(paths)) {
    // Warm-up: JIT, keep-alive connections on every hop.
    await emulator.queueReply(20, { times: 30 });
    for (let round = 0; round < 30; round++) await timed(call);
  }
  // Interleaved, so a slow moment of the machine hits every path alike.
  const firsts = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
  for (let round = 0; round < firstTokenRounds; round++) {
    for (const [name, call] of Object.entries(paths)) {
      await emulator.queueReply(4);
      const result = await timed(call);
      if (result.tokens !== 4) throw new Error(`${name}: ${result.tokens} tokens instead of 4`);
      firsts[name].push(result.first);
    }
  }
  const rates = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
  for (let round = 0; round < 5; round++) {
    for (const [name, call] of Object.entries(paths)) {
      await emulator.queueReply(drainTokens);
      const result = await timed(call);
      if (result.tokens !== drainTokens) throw new Error(`${name}: ${result.tokens} of ${drainTokens} tokens`);
      rates[name].push(drainTokens / (result.totalMs / 1000));
    }
  }
  return Object.fromEntries(
    Object.keys(paths).map((name) => [
      name,
      { firstTokenMs: median(firsts[name]), tokensPerSecond: median(rates[name]) },
    ]),
  );
}

/** 1,000 streams at once through Switchyard's gateway, 40 tokens each at 10 ms apart, sampling its RSS. */
async function concurrentThroughGateway(emulator, gateway, call) {
  await emulator.queueReply(40, { times: concurrentStreams, tokenDelayMs: 10 });
  const rssBefore = await gateway.rss();
  let peak = rssBefore;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await delay(50);
      peak = Math.max(peak, await gateway.rss());
    }
  })();
  const results = await Promise.allSettled(Array.from({ length: concurrentStreams }, () => timed(call)));
  sampling = false;
  await sampler;
  const errors = results.filter((result) => result.status === 'rejected' || result.value.tokens !== 40).length;
  return { streams: concurrentStreams, errors, rssPerStreamKiB: (peak - rssBefore) / concurrentStreams / 1024 };
}

export async function benchGateway() {
  const emulator = await startEmulatorChild('openai');
  const provider = new OpenAICompatible({ baseUrl: emulator.url, apiKey: 'sk-bench', models: ['bench-model'] });
  const direct = (onText) =>
    (async () => {
      for await (const delta of provider.createAsyncGenerator('bench-model', messages)) onText(delta);
    })();
  const raw = (onText) => rawStream(emulator.url, { model: 'bench-model', authorization: 'Bearer sk-bench' }, onText);
  try {
    // Each gateway runs only while it is measured, so one's background work never slows the other.
    const gateway = await startGatewayChild(emulator.url);
    let relay;
    let switchyard;
    let concurrent;
    try {
      relay = await startGatewayChild(emulator.url, './bare-relay-process.js');
      const viaGateway = (onText) => rawStream(gateway.url, { model: 'bench' }, onText);
      // The relay serves any path; it is asked on the same one.
      const viaRelay = (onText) => rawStream(relay.url, { model: 'bench' }, onText);
      switchyard = await measurePaths(emulator, { direct, switchyard: viaGateway, relay: viaRelay, raw });
      await relay.stop();
      concurrent = await concurrentThroughGateway(emulator, gateway, viaGateway);
    } finally {
      await gateway.stop();
      await relay?.stop();
    }
    const portkey = await startPortkey();
    let withPortkey;
    try {
      const viaPortkey = (onText) =>
        rawStream(
          portkey.url,
          {
            model: 'bench-model',
            authorization: 'Bearer sk-bench',
            'x-portkey-provider': 'openai',
            'x-portkey-custom-host': emulator.url,
          },
          onText,
        );
      withPortkey = await measurePaths(emulator, { direct, portkey: viaPortkey });
    } finally {
      await portkey.stop();
    }
    return { switchyard, withPortkey, concurrent };
  } finally {
    await emulator.stop();
    await closeDispatchers();
    await agent.close();
  }
}

export function gatewayTable(result) {
  const { switchyard, withPortkey, concurrent } = result;
  const ms = (value) => `${value.toFixed(2)} ms`;
  const signed = (value) => `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`;
  const rate = (value) => `${Math.round(value).toLocaleString('en')} tok/s`;
  const row = (label, path, directPath) => [
    label,
    directPath === undefined
      ? ms(path.firstTokenMs)
      : `${ms(path.firstTokenMs)} (${signed(path.firstTokenMs - directPath.firstTokenMs)})`,
    directPath === undefined
      ? rate(path.tokensPerSecond)
      : `${rate(path.tokensPerSecond)} (${(path.tokensPerSecond / directPath.tokensPerSecond).toFixed(2)}×)`,
  ];
  const rows = [
    ['path', 'first token (median)', `${drainTokens.toLocaleString('en')}-token drain`],
    ['---', '---', '---'],
    row('OpenAICompatible provider called directly', switchyard.direct),
    row("through Switchyard's gateway (vs direct)", switchyard.switchyard, switchyard.direct),
    row('provider called directly, second round', withPortkey.direct),
    row("through Portkey's gateway 1.15.2 (vs second round)", withPortkey.portkey, withPortkey.direct),
    row('raw undici + eventsource-parser straight to the emulator', switchyard.raw),
    row('the same raw client through a bare node:http relay (vs raw: the hop alone)', switchyard.relay, switchyard.raw),
  ];
  const table = rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  return `${table}\n\n${concurrent.streams} concurrent streams through Switchyard's gateway: ${concurrent.errors} errors, gateway RSS ${concurrent.rssPerStreamKiB.toFixed(1)} KiB per open stream.`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(gatewayTable(await benchGateway()));
}
