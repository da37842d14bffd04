import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './test-support/eventually.js';
import { type FlakyUpstream, startFlakyUpstream } from './test-support/flaky-upstream.js';
import { type CallOutcome, type FleetMember, startFleetMember } from './test-support/fleet-member.js';
import { type RunningRedisServer, startRedisServer } from './testing/redis-server-process.js';

// Real processes: four Node children share one redis-server and one failing upstream.
let redis: RunningRedisServer;
let upstream: FlakyUpstream;
let fleet: FleetMember[] = [];

beforeAll(async () => {
  redis = await startRedisServer({ password: 'fleet-secret' });
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  await Promise.all(fleet.map((member) => member.stop()));
  fleet = [];
  await upstream.close();
});

async function startFleet(policy: Record<string, number>): Promise<FleetMember[]> {
  upstream = await startFlakyUpstream('fail');
  const keyPrefix = `fleet-${randomUUID()}:`;
  fleet = await Promise.all(
    ['m0', 'm1', 'm2', 'm3'].map((name) =>
      startFleetMember({ name, redisUrl: redis.url, upstreamUrl: upstream.url, keyPrefix, policy }),
    ),
  );
  return fleet;
}

const count = (outcomes: readonly CallOutcome[], outcome: CallOutcome) =>
  outcomes.filter((each) => each === outcome).length;

/** Trips the breaker with one failure in each of three processes at once: three, not one. */
async function tripFromThreeProcesses(members: FleetMember[]): Promise<void> {
  const outcomes = (await Promise.all(members.slice(0, 3).map((member) => member.calls(1)))).flat();
  expect(outcomes).toEqual(['failed', 'failed', 'failed']);
  const entries = await Promise.all(members.map((member) => member.waitFor('cooling-down')));
  expect(entries.map((entry) => entry.status)).toEqual(Array(4).fill('cooling-down'));
}

/**
 * Waves of 50 concurrent calls across the fleet, each wave once the last has settled, until one
 * call reaches the upstream (that one stays in flight while the upstream holds it). Returns
 * every call of every wave.
 */
async function wavesUntilTheUpstreamIsReached(members: FleetMember[]): Promise<Promise<CallOutcome[]>[]> {
  const before = upstream.requests.length;
  const reached = eventually('a call to reach the upstream', () =>
    upstream.requests.length > before ? true : undefined,
  );
  const calls: Promise<CallOutcome[]>[] = [];
  while (upstream.requests.length === before) {
    const wave = members.map((member, index) => member.calls(index < 2 ? 13 : 12));
    calls.push(...wave);
    await Promise.race([Promise.all(wave), reached]);
  }
  return calls;
}

describe('a fleet of four processes sharing one breaker on Redis', () => {
  it('trips everywhere at the threshold, sends one probe after the cooldown, and closes everywhere on its success', {
    timeout: 60_000,
  }, async () => {
    const members = await startFleet({
      failureThreshold: 3,
      cooldownMs: 800,
      backoffFactor: 1,
      maxCooldownMs: 800,
      probeLeaseMs: 10_000,
    });
    await tripFromThreeProcesses(members);
    expect(upstream.requests).toHaveLength(3);

    // Cooling down: every process skips the provider; the upstream sees nothing at all.
    const connections = upstream.connections();
    const during = await Promise.all(members.map((member) => member.callsWhileCooling(10, 150)));
    expect(during.filter((result) => result.tooLate !== undefined)).toEqual([]);
    expect(during.flatMap((result) => result.outcomes ?? [])).toEqual(Array(40).fill('skipped'));
    expect(upstream.connections()).toBe(connections);
    expect(upstream.requests).toHaveLength(3);

    // After the cooldown: one probe for the whole fleet, however many calls are in flight.
    await Promise.all(members.map((member) => member.waitFor('working')));
    upstream.mode = 'hold';
    const calls = await wavesUntilTheUpstreamIsReached(members);
    calls.push(...members.map((member, index) => member.calls(index < 2 ? 13 : 12)));
    const probing = await Promise.all(members.map((member) => member.waitFor('probing')));
    expect(probing.map((entry) => entry.status)).toEqual(Array(4).fill('probing'));
    expect(upstream.requests).toHaveLength(4);

    // The probe succeeds: the breaker closes in every process, and all of them call again.
    upstream.mode = 'ok';
    upstream.release();
    const outcomes = (await Promise.all(calls)).flat();
    expect(count(outcomes, 'served')).toBe(1);
    expect(count(outcomes, 'skipped')).toBe(outcomes.length - 1);
    expect(outcomes.length).toBeGreaterThanOrEqual(100);
    const closed = await Promise.all(members.map((member) => member.waitFor('working')));
    expect(closed.map((entry) => [entry.status, entry.consecutiveFailures])).toEqual(Array(4).fill(['working', 0]));
    const after = (await Promise.all(members.map((member) => member.calls(1)))).flat();
    expect(after).toEqual(['served', 'served', 'served', 'served']);
    expect(upstream.requests).toHaveLength(8);
    // Nothing reached the upstream that a single process would not have sent: 3 failures, 1 probe, 4 calls.
    expect(fleet.flatMap((member) => member.logs.filter((line) => line.level === 'warn'))).toEqual([]);
  });

  it('hands the probe on when the process holding it is killed mid-probe, once its lease runs out', {
    timeout: 60_000,
  }, async () => {
    const members = await startFleet({
      failureThreshold: 3,
      cooldownMs: 500,
      backoffFactor: 1,
      maxCooldownMs: 500,
      probeLeaseMs: 1500,
    });
    await tripFromThreeProcesses(members);
    await Promise.all(members.map((member) => member.waitFor('working')));
    upstream.mode = 'hold';
    await wavesUntilTheUpstreamIsReached(members);
    expect(upstream.requests).toHaveLength(4);
    const prober = members.find((member) => member.name === upstream.requests[3]?.member);
    if (prober === undefined) throw new Error('the probe came from no member');
    await prober.kill();

    // The dead process's lease still stands: the survivors skip until it expires, then one of them probes.
    const survivors = members.filter((member) => member !== prober);
    const whileLeased = (await Promise.all(survivors.map((member) => member.calls(5)))).flat();
    expect(whileLeased).toEqual(Array(15).fill('skipped'));
    upstream.mode = 'ok';
    const outcomes: CallOutcome[] = [];
    await eventually('a survivor to probe and succeed', async () => {
      const round = (await Promise.all(survivors.map((member) => member.calls(5)))).flat();
      outcomes.push(...round);
      return outcomes.includes('served') ? true : undefined;
    });
    expect(count(outcomes, 'served')).toBe(1);
    expect(upstream.requests).toHaveLength(5);
    expect(upstream.requests[4]?.member).not.toBe(prober.name);
    const closed = await Promise.all(survivors.map((member) => member.waitFor('working')));
    expect(closed.map((entry) => entry.status)).toEqual(['working', 'working', 'working']);
  });
});
