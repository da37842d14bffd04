import type { InjectionToken } from 'tsyringe';

/** When a provider's circuit opens and for how long. */
export interface HealthPolicy {
  /** Failures in a row that open the circuit. */
  readonly failureThreshold: number;
  /**
   * A failure counts towards the threshold only this long after the one before it, so a provider
   * that fails now and then over a day is not tripped by failures long forgotten.
   */
  readonly failureWindowMs: number;
  /** The first cooldown. */
  readonly cooldownMs: number;
  /** Each further trip multiplies the cooldown by this… */
  readonly backoffFactor: number;
  /** …up to this. */
  readonly maxCooldownMs: number;
  /**
   * How long the one probe after a cooldown may go without reporting back before another call may
   * probe instead; the first cooldown's length when unset. Set it above the longest call you expect.
   */
  readonly probeLeaseMs?: number | undefined;
}

export const defaultHealthPolicy: HealthPolicy = {
  failureThreshold: 3,
  failureWindowMs: 60_000,
  cooldownMs: 30_000,
  backoffFactor: 2,
  maxCooldownMs: 600_000,
};

/** The probe's lease under `policy`. */
export function probeLeaseMs(policy: HealthPolicy): number {
  return policy.probeLeaseMs ?? policy.cooldownMs;
}

/** The cooldown that follows `trips` earlier trips in a row. */
export function cooldownAfter(trips: number, policy: HealthPolicy): number {
  return Math.min(policy.cooldownMs * policy.backoffFactor ** trips, policy.maxCooldownMs);
}

/** Register a `Partial<HealthPolicy>` under this token to change the defaults for a container. */
export const HEALTH_POLICY: InjectionToken<Partial<HealthPolicy>> = Symbol.for('switchyard.health-policy');
