import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
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
