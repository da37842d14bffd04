import diagnostics from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';
import { Agent, request } from 'undici';
import { startEmulatorChild } from './emulator-child.js';
import { median } from './median.js';
const emulator = await startEmulatorChild('openai');
const agent = new Agent({ keepAliveTimeout: 10_000 });
let create;
diagnostics.channel('undici:request:create').subscribe(() => { create = performance.now(); });
async function call(variant) {
  let first; const s = performance.now();
  const ac = new AbortController();
  const opts = { method: 'POST', headers: { authorization: 'Bearer sk-bench', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'Count for me.' }], stream: true }), dispatcher: agent };
  if (variant.signal) opts.signal = ac.signal;
  if (variant.timeouts) { opts.headersTimeout = 30000; opts.bodyTimeout = 0; }
  const url = variant.url ? new URL(`${emulator.url}/chat/completions`) : `${emulator.url}/chat/completions`;
  const response = await request(url, opts);
  const parser = createParser({ onEvent(e) { if (e.data === '[DONE]') return; const c = JSON.parse(e.data).choices?.[0]?.delta?.content; if (c) first ??= performance.now(); } });
  const dec = new TextDecoder();
  for await (const chunk of response.body) parser.feed(dec.decode(chunk, { stream: true }));
  return { first: first - s, create: create - s };
}
const variants = { plain: {}, signal: { signal: 1 }, timeouts: { timeouts: 1 }, url: { url: 1 }, all: { signal: 1, timeouts: 1, url: 1 } };
const res = Object.fromEntries(Object.keys(variants).map(k => [k, []]));
for (let r = 0; r < 450; r++) for (const [k, v] of Object.entries(variants)) { await emulator.queueReply(3); const x = await call(v); if (r >= 50) res[k].push(x); }
for (const [k, xs] of Object.entries(res)) console.log(k.padEnd(9), 'create', median(xs.map(x => x.create)).toFixed(3), 'first', median(xs.map(x => x.first)).toFixed(3));
await emulator.stop(); await agent.close();
