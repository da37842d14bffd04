import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { ProviderHealth } from './provider-health.js';

function setup(policy = {}) {
  let now = 0;
  const health = new ProviderHealth(() => now, policy);
  return { health, advance: (ms: number) => (now += ms) };
}

describe('ProviderHealth circuit breaker', () => {
  it('opens after the threshold of consecutive failures, not before', () => {
    const { health } = setup();
    health.recordFailure('P', 'boom');
    health.recordFailure('P', 'boom');
    expect(health.tryBeginCall('P')).toBe(true);
    expect(health.entry('P')).toMatchObject({ status: 'unknown', consecutiveFailures: 2 });
    health.recordFailure('P', 'boom 3');
    expect(health.entry('P')).toMatchObject({ status: 'cooling-down', reason: 'boom 3', cooldownLeftMs: 30_000 });
    expect(health.tryBeginCall('P')).toBe(false);
  });

  it('a success in between resets the count', () => {
    const { health } = setup();
    health.recordFailure('P', 'x');
    health.recordFailure('P', 'x');
    health.recordSuccess('P');
    health.recordFailure('P', 'x');
    health.recordFailure('P', 'x');
    expect(health.tryBeginCall('P')).toBe(true);
  });

  it('lets one probe through after the cooldown; its success closes the circuit', () => {
    const { health, advance } = setup({ failureThreshold: 1, cooldownMs: 1000 });
    health.recordFailure('P', 'down');
    advance(999);
    expect(health.tryBeginCall('P')).toBe(false);
    advance(1);
    expect(health.isWorking('P')).toBe(true);
    expect(health.tryBeginCall('P')).toBe(true);
    expect(health.entry('P').status).toBe('probing');
    expect(health.tryBeginCall('P')).toBe(false);
    health.recordSuccess('P');
    expect(health.entry('P')).toMatchObject({ status: 'working', consecutiveFailures: 0 });
    expect(health.tryBeginCall('P')).toBe(true);
  });

  it('a failed probe re-opens the circuit for longer, up to the maximum', () => {
    const { health, advance } = setup({ failureThreshold: 1, cooldownMs: 1000, backoffFactor: 3, maxCooldownMs: 5000 });
    health.recordFailure('P', 'down');
    expect(health.entry('P').cooldownLeftMs).toBe(1000);
    for (const expected of [3000, 5000, 5000]) {
      advance(health.entry('P').cooldownLeftMs);
      expect(health.tryBeginCall('P')).toBe(true);
      health.recordFailure('P', 'still down');
      expect(health.entry('P').cooldownLeftMs).toBe(expected);
    }
  });

  it('gives the probe back when the call said nothing about health', () => {
    const { health, advance } = setup({ failureThreshold: 1, cooldownMs: 10 });
    health.recordFailure('P', 'down');
    advance(10);
    expect(health.tryBeginCall('P')).toBe(true);
    health.releaseCall('P');
    expect(health.tryBeginCall('P')).toBe(true);
  });
});
