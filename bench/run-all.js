// `pnpm bench`: every benchmark in one run, each as a ratio against its baseline in the same run
// (the raw undici + eventsource-parser loop, the seed's Python client, the provider alone, or a
// peer library), with progress as it goes. Prints the table, marks every missed target with ✗,
// and writes it to bench/results.md (not tracked: a run's numbers belong to its machine and load).
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { benchConcurrentStreams } from './concurrent-streams.js';
import { benchFallback } from './fallback.js';
import { benchFallbackLibraries } from './fallback-libraries.js';
import { benchGateway, gatewayTable } from './gateway.js';
import { benchHealthStore } from './health-store.js';
import { benchOpenAIStream } from './openai-stream.js';
import { benchOpenAssistantStream } from './openassistant-stream.js';

const benchmarks = [
  ['OpenAI-compatible stream: drain and first token', benchOpenAIStream],
  ['Open Assistant stream: drain, the seed, first token, heap', benchOpenAssistantStream],
  ['fallback: over one provider, a dead first one, cooldown', benchFallback],
  ['fallback against ai-fallback', benchFallbackLibraries],
  ['streams held open mid-answer', benchConcurrentStreams],
  ['provider health on Redis', benchHealthStore],
  ['the gateway', benchGateway],
];
const results = [];
const loadBefore = loadavg()[0];
for (const [index, [label, run]] of benchmarks.entries()) {
  const started = performance.now();
  process.stdout.write(`[${index + 1}/${benchmarks.length}] ${label} … `);
  results.push(await run());
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}
const [openai, stream, fallback, libraries, held, health, gateway] = results;

const ms = (value) => `${value.toFixed(3)} ms`;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const us = (value) => `${(value * 1000).toFixed(2)} µs`;
const tps = (value) => `${Math.round(value).toLocaleString('en-US')} tok/s`;
const times = (value) => `${value.toFixed(2)}×`;
const signed = (value, format) => `${value < 0 ? '−' : '+'}${format(Math.abs(value))}`;

/** One row: what was measured, against what, and whether the target holds. */
const row = (figure, switchyard, baseline, ratio, target, met) => ({
  cells: [figure, switchyard, baseline, ratio, met === undefined ? target : `${target} ${met ? '✓' : '✗'}`],
  met,
});
const seedRow =
  stream.seedRatio === undefined
    ? row("Open Assistant vs the seed's Python client", 'not measured', stream.seedMissing, '—', '≥ 6.5×', false)
    : row(
        `Open Assistant vs the seed's Python client (aiohttp), ${stream.seedTokens / 1000}k tokens`,
        tps(stream.seedTokensPerSecond * stream.seedRatio),
        `${tps(stream.seedTokensPerSecond)} (raw loop: ${times(stream.rawSeedRatio)} the seed)`,
        times(stream.seedRatio),
        '≥ 6.5×',
        stream.seedRatio >= 6.5,
      );
const lowestPeer = libraries['ai-fallback'].addedMs;
const rows = [
  row(
    `OpenAI-compatible drain, ${openai.drainTokens / 1000}k tokens`,
    tps(openai.drainTokens / (openai.drainMs / 1000)),
    tps(openai.drainTokens / (openai.rawDrainMs / 1000)),
    times(openai.throughputRatio),
    '≥ 1.0×',
    openai.throughputRatio >= 1,
  ),
  row(
    `Open Assistant drain, ${stream.throughputTokens / 1000}k tokens`,
    tps(stream.providerTokensPerSecond),
    tps(stream.rawTokensPerSecond),
    times(stream.throughputRatio),
    '≥ 1.05×',
    stream.throughputRatio >= 1.05,
  ),
  seedRow,
  row(
    'time to first token, OpenAI-compatible, warm',
    ms(openai.firstTokenMs),
    ms(openai.rawFirstTokenMs),
    times(openai.firstTokenRatio),
    '≤ 1.2×',
    openai.firstTokenRatio <= 1.2,
  ),
  row(
    'FallbackProvider over one healthy provider, added first-token latency',
    ms(fallback.overOneMedianMs),
    `${ms(fallback.aloneMedianMs)} (the provider alone)`,
    signed(fallback.overOneAddedMs, ms),
    '≤ +0.05 ms',
    fallback.overOneAddedMs <= 0.05,
  ),
  row(
    'dead first provider (refused), chain built once, over the second alone',
    ms(libraries.switchyard.chainMs),
    `${ms(libraries.switchyard.aloneMs)}; ai-fallback ${signed(lowestPeer, ms)}`,
    signed(libraries.switchyard.addedMs, ms),
    '≤ +0.25 ms, lowest',
    libraries.switchyard.addedMs <= 0.25 && libraries.switchyard.addedMs <= lowestPeer,
  ),
  row(
    'dead first provider, a new chain every call (each one connects and is refused)',
    ms(fallback.fallbackMedianMs),
    `${ms(fallback.aloneMedianMs)} (the second alone)`,
    signed(fallback.overheadMedianMs, ms),
    '—',
  ),
  row(
    `heap per open stream, ${held.streams} held mid-answer`,
    kib(held.provider.bytesPerStream),
    kib(held.raw.bytesPerStream),
    times(held.memoryRatio),
    '≤ 15 KiB',
    held.provider.bytesPerStream <= 15 * 1024,
  ),
  row(
    `${held.streams} streams held open: errors`,
    String(held.provider.errors),
    String(held.raw.errors),
    '—',
    '0',
    held.provider.errors === 0,
  ),
  row(
    'TCP connections for one Open Assistant call',
    String(stream.connectionsPerCall),
    '—',
    '—',
    '1',
    stream.connectionsPerCall === 1,
  ),
  row(
    'heap growth over the second half of a 1M-token stream',
    `${(stream.secondHalfGrowthBytes / 1024 / 1024).toFixed(2)} MiB`,
    '—',
    '—',
    '≤ 1 MiB',
    stream.secondHalfGrowthBytes <= 1024 * 1024,
  ),
  row(
    `connections to a provider in cooldown (${fallback.cooldownCalls} calls)`,
    String(fallback.cooldownConnections),
    '—',
    '—',
    '0',
    fallback.cooldownConnections === 0,
  ),
  row(
    'health on Redis, closed path per call',
    us(health.redisClosedPathMs),
    `${us(health.memoryClosedPathMs)} (in-process store)`,
    signed(health.closedPathAddedMs, us),
    '≤ +50 µs',
    health.closedPathAddedMs <= 0.05,
  ),
  row(
    'health on Redis, whole call through a chain',
    ms(health.redisCallMs),
    `${ms(health.memoryCallMs)} (in-process store)`,
    signed(health.callAddedMs, ms),
    '≤ +0.05 ms',
    health.callAddedMs <= 0.05,
  ),
  row(
    'health on Redis, breaker opens in 1 of 4 processes → all 4 skip (median / p95)',
    `${ms(health.propagationMedianMs)} / ${ms(health.propagationP95Ms)}`,
    '—',
    '—',
    '≤ 250 ms',
    health.propagationP95Ms <= 250,
  ),
];
const header = ['figure', 'Switchyard', 'baseline (same run)', 'ratio / added', 'target'];
const table = [header, header.map(() => '---'), ...rows.map((entry) => entry.cells)]
  .map((cells) => `| ${cells.join(' | ')} |`)
  .join('\n');
const missed = rows.filter((entry) => entry.met === false).map((entry) => entry.cells[0]);
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB; Node ${process.version}; load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after; ${new Date().toISOString()}`;
const verdict = missed.length === 0 ? 'Every target met.' : `Missed (✗): ${missed.join('; ')}.`;
const report = `${table}\n\n${verdict}\n\n## The gateway (bench/gateway.js)\n\n${gatewayTable(gateway)}\n\nMachine: ${machine}\n`;
console.log(`\n${report}`);
await writeFile(
  new URL('./results.md', import.meta.url),
  `# Benchmark results\n\nWritten by \`pnpm bench\`.\n\n${report}`,
);
