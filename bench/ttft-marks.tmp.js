import diagnostics from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { closeDispatchers } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { startEmulatorChild } from './emulator-child.js';
import { median } from './median.js';
const messages = [{ role: 'user', content: 'Count for me.' }];
const model = 'bench-model';
const emulator = await startEmulatorChild('openai');
const provider = new OpenAICompatible({ baseUrl: emulator.url, apiKey: 'sk-bench', models: [model] });
let marks = [];
globalThis.__m = (l) => marks.push([l, performance.now()]);
diagnostics.channel('undici:request:create').subscribe(() => globalThis.__m('create'));
diagnostics.channel('undici:client:sendHeaders').subscribe(() => globalThis.__m('sent'));
diagnostics.channel('undici:request:headers').subscribe(() => globalThis.__m('headers'));
diagnostics.channel('undici:request:bodyChunkReceived').subscribe(() => globalThis.__m('chunk'));
const viaProvider = async () => { marks = []; globalThis.__m('start'); let first;
  for await (const d of provider.stream({model, messages})) { if (d.type==='start') globalThis.__m('startPart'); if (d.type==='text' && !first) { first=1; globalThis.__m('first'); } } return marks; };
const N = Number(process.env.N ?? 400);
for (let r=0;r<50;r++){ await emulator.queueReply(3); await viaProvider(); }
const runs=[];
for (let r=0;r<N;r++){ await emulator.queueReply(3); runs.push(await viaProvider()); }
const labels = runs[0].map(([l])=>l);
const firstIdx = (run, l) => run.findIndex(([x])=>x===l);
let prev='start';
const seen=new Set();
for (const l of labels) { if (seen.has(l)) continue; seen.add(l); if (l==='start') continue;
  const d = median(runs.map(run => run[firstIdx(run,l)][1] - run[firstIdx(run,prev)][1]));
  console.log(`${prev} -> ${l}`.padEnd(30), d.toFixed(4)); prev=l; }
await emulator.stop(); await closeDispatchers();
