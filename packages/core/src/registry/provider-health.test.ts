import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { applyHealthChange } from './apply-health-change.js';
import { defaultHealthPolicy } from './health-policy.js';
import { initialHealthState } from './health-state.js';
import { MemoryHealthStore } from './memory-health-store.js';
import { type HealthTicket, ProviderHealth } from './provider-health.js';

function setup(policy = {}) {
  let now = 0;
  const health = new ProviderHealth(() => now, policy);
  const call = (): HealthTicket => {
    const ticket = health.beginCall('P');
    if (ticket === undefined) throw new Error('expected the call to be allowed');
    return ticket;
  };
  return { health, call, advance: (ms: number) => (now += ms) };
}

describe('ProviderHealth circuit breaker', () => {
  it('opens after the threshold of consecutive failures, not before', () => {
    const { health, call } = setup();
    health.recordFailure(call(), 'boom');
    health.recordFailure(call(), 'boom');
    expect(health.entry('P')).toMatchObject({ status: 'unknown', consecutiveFailures: 2 });
    health.recordFailure(call(), 'boom 3');
    expect(health.entry('P')).toMatchObject({ status: 'cooling-down', reason: 'boom 3', cooldownLeftMs: 30_000 });
    expect(health.beginCall('P')).toBeUndefined();
  });

  it('a success in between resets the count', () => {
    const { health, call } = setup();
    health.recordFailure(call(), 'x');
    health.recordFailure(call(), 'x');
    health.recordSuccess(call());
    health.recordFailure(call(), 'x');
    health.recordFailure(call(), 'x');
    expect(health.beginCall('P')).toBeDefined();
  });

  it('lets one probe through after the cooldown; its success closes the circuit', () => {
    const { health, call, advance } = setup({ failureThreshold: 1, cooldownMs: 1000 });
    health.recordFailure(call(), 'down');
    advance(999);
    expect(health.beginCall('P')).toBeUndefined();
    advance(1);
    expect(health.isWorking('P')).toBe(true);
    const probe = call();
    expect(health.entry('P').status).toBe('probing');
    expect(health.beginCall('P')).toBeUndefined();
    health.recordSuccess(probe);
    expect(health.entry('P')).toMatchObject({ status: 'working', consecutiveFailures: 0 });
    expect(health.beginCall('P')).toBeDefined();
  });

  it('a failed probe re-opens the circuit for longer, up to the maximum', () => {
    const { health, call, advance } = setup({
      failureThreshold: 1,
      cooldownMs: 1000,
      backoffFactor: 3,
      maxCooldownMs: 5000,
    });
    health.recordFailure(call(), 'down');
    expect(health.entry('P').cooldownLeftMs).toBe(1000);
    for (const expected of [3000, 5000, 5000]) {
      advance(health.entry('P').cooldownLeftMs);
      health.recordFailure(call(), 'still down');
      expect(health.entry('P').cooldownLeftMs).toBe(expected);
    }
  });

  it('gives the probe back when the call said nothing about health', () => {
    const { health, call, advance } = setup({ failureThreshold: 1, cooldownMs: 10 });
    health.recordFailure(call(), 'down');
    advance(10);
    health.releaseCall(call());
    expect(health.beginCall('P')).toBeDefined();
  });

  it('hands a probe that never reported back to the next call after a cooldown', () => {
    const { health, call, advance } = setup({ failureThreshold: 1, cooldownMs: 100 });
    health.recordFailure(call(), 'down');
    advance(100);
    call(); // a probe whose caller walked away
    expect(health.beginCall('P')).toBeUndefined();
    advance(100);
    expect(health.isWorking('P')).toBe(true);
    expect(health.beginCall('P')).toBeDefined();
  });

  it('ignores the results of calls that began before the circuit opened or was set by hand', () => {
    const { health, call } = setup({ failureThreshold: 2, cooldownMs: 1000 });
    const running = [call(), call(), call(), call()];
    for (const ticket of running) health.recordFailure(ticket, 'concurrent failure');
    // Two failures opened it once; the late ones do not open it again for longer.
    expect(health.entry('P').cooldownLeftMs).toBe(1000);

    const { health: marked, call: markedCall } = setup();
    const inFlight = markedCall();
    marked.markNotWorking('P', 'maintenance', 3_600_000);
    marked.recordSuccess(inFlight);
    expect(marked.entry('P')).toMatchObject({ status: 'cooling-down', reason: 'maintenance' });
  });
});

describe('ProviderHealth failure window', () => {
  it('forgets failures older than the window, so only failures close together open the circuit', () => {
    const { health, call, advance } = setup({ failureThreshold: 2, failureWindowMs: 1000 });
    health.recordFailure(call(), 'first');
    advance(1000);
    expect(health.entry('P').consecutiveFailures).toBe(0);
    health.recordFailure(call(), 'second, a window later');
    expect(health.entry('P')).toMatchObject({ status: 'unknown', consecutiveFailures: 1 });
    advance(999);
    health.recordFailure(call(), 'third, within the window');
    expect(health.entry('P').status).toBe('cooling-down');
  });
});

describe('ProviderHealth policy and store', () => {
  it('takes the policy from the config, under the one given in code', () => {
    const config = { health: { failures: 1, cooldownMs: 500, maxCooldownMs: 900, probeLeaseMs: 50 } };
    const fromConfig = new ProviderHealth(undefined, undefined, undefined, config);
    expect(fromConfig.policy).toMatchObject({
      failureThreshold: 1,
      cooldownMs: 500,
      maxCooldownMs: 900,
      probeLeaseMs: 50,
      backoffFactor: defaultHealthPolicy.backoffFactor,
    });
    const overridden = new ProviderHealth(undefined, { cooldownMs: 700 }, undefined, config);
    expect(overridden.policy).toMatchObject({ failureThreshold: 1, cooldownMs: 700 });
  });

  it('keeps its breakers in the store it is given, so two ProviderHealth on one store agree', () => {
    let now = 0;
    const store = new MemoryHealthStore();
    const first = new ProviderHealth(() => now, { failureThreshold: 1, cooldownMs: 100 }, store);
    const second = new ProviderHealth(() => now, { failureThreshold: 1, cooldownMs: 100 }, store);
    const ticket = first.beginCall('P');
    if (ticket === undefined) throw new Error('expected a ticket');
    first.recordFailure(ticket, 'down');
    expect(second.entry('p')).toMatchObject({ provider: 'P', status: 'cooling-down', reason: 'down' });
    expect(second.beginCall('P')).toBeUndefined();
    now += 100;
    expect(second.beginCall('P')).toBeDefined();
    expect(first.entry('P').status).toBe('probing');
    expect(store.list().map((state) => state.provider)).toEqual(['P']);
  });

  it('changes nothing on a success of a working provider, so a store can skip the write', () => {
    const state = applyHealthChange(
      initialHealthState('P'),
      { kind: 'success', generation: 0 },
      0,
      defaultHealthPolicy,
    );
    expect(state.status).toBe('working');
    expect(applyHealthChange(state, { kind: 'success', generation: 0 }, 1, defaultHealthPolicy)).toBe(state);
    expect(applyHealthChange(state, { kind: 'release', generation: 0 }, 1, defaultHealthPolicy)).toBe(state);
    expect(applyHealthChange(state, { kind: 'failure', generation: 7, reason: 'stale' }, 1, defaultHealthPolicy)).toBe(
      state,
    );
  });
});
