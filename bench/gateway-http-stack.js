// Which HTTP stack for the gateway: node:http, Hono on @hono/node-server, fastify 5, each in its
// own process serving the gateway's load shape (JSON in, many small SSE chunks out), measured by
// one undici client: time to first chunk, chunk throughput of one long stream, and 1,000
// concurrent streams (wall time and server RSS per open stream).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'undici';
import { median } from './median.js';

const stacks = (process.env.BENCH_STACKS ?? 'node-http,hono,fastify').split(',');
const agent = new Agent({ connections: null, keepAliveTimeout: 10_000 });

async function startStack(stack) {
  const child = fork(new URL('./http-stack-server.js', import.meta.url), [stack], {
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    execArgv: ['--expose-gc'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() =>
      Promise.reject(new Error(stderr.split('\n').find((line) => line.includes('Error')) ?? stderr)),
    ),
  ]);
  const rss = async () => {
    const answer = once(child, 'message');
    child.send({ type: 'rss' });
    return (await answer)[0].rss;
  };
  return { url: message.url, rss, stop: () => child.kill() };
}

/** One stream; resolves with the time to its first byte of body and the chunks counted. */
async function stream(url, count, onFirst) {
  const started = performance.now();
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'x' }], stream: true, count }),
  });
  let first;
  let seen = 0;
  for await (const chunk of response.body) {
    if (first === undefined) {
      first = performance.now() - started;
      onFirst?.();
    }
    seen += chunk.toString().split('"content":').length - 1;
  }
  return { first, seen };
}

async function measure(stack) {
  const server = await startStack(stack);
  try {
    for (let warm = 0; warm < 50; warm++) await stream(server.url, 50);
    const firsts = [];
    for (let index = 0; index < 200; index++) firsts.push((await stream(server.url, 1)).first);
    const drainStarted = performance.now();
    const drained = await stream(server.url, 200_000);
    const chunksPerSecond = drained.seen / ((performance.now() - drainStarted) / 1000);
    const baseline = await server.rss();
    let opened = 0;
    let peak = baseline;
    let allOpen;
    const everyoneOpen = new Promise((resolve) => {
      allOpen = resolve;
    });
    const concurrentStarted = performance.now();
    const runs = Promise.allSettled(
      Array.from({ length: 1000 }, () =>
        stream(server.url, 400, () => {
          opened += 1;
          if (opened === 1000) allOpen();
        }),
      ),
    );
    await Promise.race([everyoneOpen, runs]);
    peak = Math.max(peak, await server.rss());
    const results = await runs;
    const concurrentMs = performance.now() - concurrentStarted;
    const errors = results.filter((result) => result.status === 'rejected' || result.value.seen !== 400).length;
    return {
      stack,
      firstChunkMs: median(firsts),
      chunksPerSecond,
      concurrentMs,
      errors,
      rssPerStreamKiB: (peak - baseline) / 1000 / 1024,
    };
  } finally {
    server.stop();
  }
}

const rows = [];
for (const stack of stacks) {
  try {
    rows.push(await measure(stack));
  } catch (error) {
    rows.push({ stack, skipped: String(error.message ?? error).slice(0, 160) });
  }
}
await agent.close();
console.log(
  '| stack | first chunk (median of 200) | one stream, 200k chunks | 1,000 streams × 400 chunks | errors | server RSS per open stream |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  if (row.skipped !== undefined) {
    console.log(`| ${row.stack} | not measured: ${row.skipped} | | | | |`);
    continue;
  }
  console.log(
    `| ${row.stack} | ${row.firstChunkMs.toFixed(3)} ms | ${Math.round(row.chunksPerSecond).toLocaleString('en')} chunks/s | ${Math.round(row.concurrentMs)} ms | ${row.errors} | ${row.rssPerStreamKiB.toFixed(1)} KiB |`,
  );
}
