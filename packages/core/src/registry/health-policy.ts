import type { InjectionToken } from 'tsyringe';

/** When a provider's circuit opens and for how long. */
export interface HealthPolicy {
  /** Failures in a row that open the circuit. */
  readonly failureThreshold: number;
  /** The first cooldown. */
  readonly cooldownMs: number;
  /** Each further trip multiplies the cooldown by this… */
  readonly backoffFactor: number;
  /** …up to this. */
  readonly maxCooldownMs: number;
}

export const defaultHealthPolicy: HealthPolicy = {
  failureThreshold: 3,
  cooldownMs: 30_000,
  backoffFactor: 2,
  maxCooldownMs: 600_000,
};

/** Register a `Partial<HealthPolicy>` under this token to change the defaults for a container. */
export const HEALTH_POLICY: InjectionToken<Partial<HealthPolicy>> = Symbol.for('switchyard.health-policy');
