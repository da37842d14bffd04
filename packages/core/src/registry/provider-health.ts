import { inject, Lifecycle, scoped } from 'tsyringe';
import { CONFIG } from '../config/config-token.js';
import type { SwitchyardConfig } from '../config/switchyard-config-schema.js';
import { CLOCK, type Clock, systemClock } from './clock.js';
import { defaultHealthPolicy, HEALTH_POLICY, type HealthPolicy } from './health-policy.js';
import { healthPolicyFromConfig } from './health-policy-from-config.js';
import type { HealthChange } from './health-state.js';
import { HEALTH_STORE, type HealthStore } from './health-store.js';
import { MemoryHealthStore } from './memory-health-store.js';

/**
 * - `unknown`: nothing observed; the provider's static flag decides.
 * - `working`: the last call succeeded, or it was marked working.
 * - `cooling-down`: it failed too often (or was marked); skipped until `until`.
 * - `probing`: the cooldown has passed and one call is trying it; others still skip it.
 */
export type HealthStatus = 'unknown' | 'working' | 'cooling-down' | 'probing';

export interface ProviderHealthEntry {
  readonly provider: string;
  readonly status: HealthStatus;
  readonly reason: string | undefined;
  /** When the cooldown ends (ms since epoch), while cooling down. */
  readonly until: number | undefined;
  readonly cooldownLeftMs: number;
  readonly consecutiveFailures: number;
}

/** A call's claim on a provider, handed back with its outcome. */
export interface HealthTicket {
  readonly provider: string;
  readonly generation: number;
}

/**
 * A circuit breaker per provider. After `failureThreshold` failures in a row the provider cools
 * down; once the cooldown has passed one probe call is let through: a success restores it, a
 * failure opens a longer cooldown (up to `maxCooldownMs`). Marks by hand work the same way.
 *
 * The breakers live in a `HealthStore`: this process's memory by default, or one shared by a
 * fleet (`@switchyard/health-redis`). The policy comes from `HEALTH_POLICY`, else from the
 * config's `health` section, else the defaults.
 */
@scoped(Lifecycle.ContainerScoped)
export class ProviderHealth {
  readonly #now: Clock;
  readonly #policy: HealthPolicy;
  readonly #store: HealthStore;

  constructor(
    @inject(CLOCK, { isOptional: true }) now?: Clock,
    @inject(HEALTH_POLICY, { isOptional: true }) policy?: Partial<HealthPolicy>,
    @inject(HEALTH_STORE, { isOptional: true }) store?: HealthStore,
    @inject(CONFIG, { isOptional: true }) config?: SwitchyardConfig,
  ) {
    this.#now = now ?? systemClock;
    this.#policy = { ...defaultHealthPolicy, ...healthPolicyFromConfig(config), ...policy };
    this.#store = store ?? new MemoryHealthStore();
  }

  get policy(): HealthPolicy {
    return this.#policy;
  }

  get store(): HealthStore {
    return this.#store;
  }

  markNotWorking(provider: string, reason: string, cooldownMs: number = this.#policy.cooldownMs): void {
    this.#apply(provider, { kind: 'mark-not-working', reason, cooldownMs });
  }

  markWorking(provider: string): void {
    this.#apply(provider, { kind: 'mark-working' });
  }

  /** `undefined` when nothing decides beyond the provider's static flag. */
  isWorking(provider: string): boolean | undefined {
    const { status } = this.entry(provider);
    if (status === 'unknown') return undefined;
    return status === 'working';
  }

  /**
   * Asks to call the provider now: a ticket to report the outcome with, or undefined while it
   * cools down or another call probes it. After the cooldown the first caller gets the probe (with
   * a shared store: the first caller of the fleet, once its process holds the probe's lease); a
   * probe that has not reported back within its lease is given to the next caller.
   */
  beginCall(provider: string): HealthTicket | undefined {
    const state = this.#store.read(provider);
    if (state === undefined) return { provider, generation: 0 };
    if (state.status === 'open') {
      const now = this.#now();
      if (state.openUntil > now) return undefined;
      if (!this.#store.claimProbe(provider, state.generation, now, this.#policy)) return undefined;
    }
    return { provider: state.provider, generation: state.generation };
  }

  recordSuccess(ticket: HealthTicket): void {
    this.#apply(ticket.provider, { kind: 'success', generation: ticket.generation });
  }

  recordFailure(ticket: HealthTicket, reason: string): void {
    this.#apply(ticket.provider, { kind: 'failure', generation: ticket.generation, reason });
  }

  /** A call that said nothing about the provider's health (the caller aborted, say) gives the probe back. */
  releaseCall(ticket: HealthTicket): void {
    this.#apply(ticket.provider, { kind: 'release', generation: ticket.generation });
  }

  entry(provider: string): ProviderHealthEntry {
    const state = this.#store.read(provider);
    if (state === undefined) {
      return {
        provider,
        status: 'unknown',
        reason: undefined,
        until: undefined,
        cooldownLeftMs: 0,
        consecutiveFailures: 0,
      };
    }
    const now = this.#now();
    const base = {
      provider: state.provider,
      reason: state.reason,
      consecutiveFailures: state.failuresUntil > now ? state.failures : 0,
      until: undefined,
      cooldownLeftMs: 0,
    };
    if (state.status !== 'open') return { ...base, status: state.status };
    if (state.openUntil > now) {
      return { ...base, status: 'cooling-down', until: state.openUntil, cooldownLeftMs: state.openUntil - now };
    }
    // A passed cooldown, or a probe whose lease ran out, counts as working again: the next call
    // is its probe.
    return { ...base, status: state.probeUntil > now ? 'probing' : 'working' };
  }

  snapshot(): ProviderHealthEntry[] {
    return this.#store.list().map(({ provider }) => this.entry(provider));
  }

  #apply(provider: string, change: HealthChange): void {
    this.#store.apply(provider, change, this.#now(), this.#policy);
  }
}
