import { performance } from 'node:perf_hooks';
import { closeDispatchers } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { startEmulatorChild } from './emulator-child.js';
import { median } from './median.js';
import { closeRawOpenAIAgent, rawOpenAICall } from './raw-openai-loop.js';
const messages = [{ role: 'user', content: 'Count for me.' }];
const model = 'bench-model';
const emulator = await startEmulatorChild('openai');
const provider = new OpenAICompatible({ baseUrl: emulator.url, apiKey: 'sk-bench', models: [model] });
const mode = process.argv[2] ?? 'both';
const viaProvider = async () => { let first; const s = performance.now();
  for await (const d of provider.createAsyncGenerator(model, messages)) { first ??= performance.now() - s; } return first; };
const viaStream = async () => { let first; const s = performance.now();
  for await (const p of provider.stream({model, messages})) { if (p.type==='text') first ??= performance.now() - s; } return first; };
const viaRaw = async () => { let first; const s = performance.now();
  await rawOpenAICall({ baseUrl: emulator.url, apiKey: 'sk-bench', model, messages, onText: () => { first ??= performance.now() - s; } }); return first; };
const N = Number(process.env.N ?? 400);
for (let r=0;r<50;r++){ await emulator.queueReply(3); await viaRaw(); await emulator.queueReply(3); await viaProvider(); }
const a=[],b=[],c=[];
for (let r=0;r<N;r++){ await emulator.queueReply(3); a.push(await viaRaw()); await emulator.queueReply(3); b.push(await viaProvider()); await emulator.queueReply(3); c.push(await viaStream()); }
console.log('raw', median(a).toFixed(3), 'provider', median(b).toFixed(3), 'stream', median(c).toFixed(3), 'ratio', (median(b)/median(a)).toFixed(2), (median(c)/median(a)).toFixed(2));
await emulator.stop(); await closeDispatchers(); await closeRawOpenAIAgent();
