// `pnpm bench`: every benchmark in one run, one table of figures and ratios, written to
// bench/RESULTS.md with the machine and Node version, and the gateway's table.
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { benchConcurrentStreams } from './concurrent-streams.js';
import { benchFallback } from './fallback.js';
import { benchGateway, gatewayTable } from './gateway.js';
import { benchHealthStore } from './health-store.js';
import { benchOpenAssistantStream } from './openassistant-stream.js';

const stream = await benchOpenAssistantStream();
const fallback = await benchFallback();
const concurrent = await benchConcurrentStreams();
const health = await benchHealthStore();
const gateway = await benchGateway();

const ms = (value) => `${value.toFixed(2)} ms`;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const us = (value) => `${(value * 1000).toFixed(2)} µs`;
const added = (value, format) => `${value < 0 ? '−' : '+'}${format(Math.abs(value))}`;
const rows = [
  [
    'stream throughput (OpenAssistant, 100k tokens)',
    `${Math.round(stream.providerTokensPerSecond)} tok/s`,
    `${Math.round(stream.rawTokensPerSecond)} tok/s`,
    `${stream.throughputRatio.toFixed(3)}×`,
    '≥ 0.9×',
  ],
  [
    'time to first token (OpenAssistant, 4 requests)',
    ms(stream.providerFirstTokenMs),
    ms(stream.rawFirstTokenMs),
    `${stream.firstTokenRatio.toFixed(2)}×`,
    '—',
  ],
  ['TCP connections for one call', String(stream.connectionsPerCall), '—', '—', '1'],
  [
    `heap growth, 1M-token stream (second half)`,
    `${(stream.secondHalfGrowthBytes / 1024 / 1024).toFixed(2)} MiB`,
    '—',
    '—',
    'constant',
  ],
  [
    'first token through fallback, first provider refusing',
    ms(fallback.fallbackMedianMs),
    ms(fallback.aloneMedianMs),
    `+${ms(fallback.overheadMedianMs)}`,
    '≤ +2 ms',
  ],
  [
    `connections to a provider in cooldown (${fallback.cooldownCalls} calls)`,
    String(fallback.cooldownConnections),
    '—',
    '—',
    '0',
  ],
  [
    `${concurrent.streams} concurrent streams: errors`,
    String(concurrent.provider.errors),
    String(concurrent.raw.errors),
    '—',
    '0',
  ],
  [
    `${concurrent.streams} concurrent streams: heap per open stream`,
    kib(concurrent.provider.bytesPerStream),
    kib(concurrent.raw.bytesPerStream),
    `${concurrent.memoryRatio.toFixed(2)}×`,
    '—',
  ],
  [
    'health on Redis, closed path per call (baseline: in-process store)',
    us(health.redisClosedPathMs),
    us(health.memoryClosedPathMs),
    added(health.closedPathAddedMs, us),
    '≤ +50 µs',
  ],
  [
    'health on Redis, whole call through a chain (baseline: in-process store)',
    ms(health.redisCallMs),
    ms(health.memoryCallMs),
    added(health.callAddedMs, (value) => `${value.toFixed(3)} ms`),
    '≤ +0.05 ms',
  ],
  [
    `health on Redis, scripts run during ${health.chainRounds + 20} healthy calls`,
    String(health.scriptsDuringCalls),
    '—',
    '—',
    '0',
  ],
  [
    'health on Redis, breaker opens in 1 of 4 processes → all 4 skip (median / p95)',
    `${ms(health.propagationMedianMs)} / ${ms(health.propagationP95Ms)}`,
    '—',
    '—',
    '≤ 250 ms',
  ],
];
const header = ['figure', 'Switchyard', 'raw baseline', 'ratio', 'target'];
const table = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`;

const gatewaySection = `## The gateway (bench/gateway.js)\n\n${gatewayTable(gateway)}`;
console.log(`\n${table}\n\n${gatewaySection}\n\n${machine}`);
await writeFile(
  new URL('./RESULTS.md', import.meta.url),
  `# Benchmark results\n\nWritten by \`pnpm bench\` (bench/run-all.js). Raw baseline: undici + eventsource-parser making the same requests, in the same run.\n\n${table}\n\n${gatewaySection}\n\nMachine: ${machine}\n`,
);
