import { inject, Lifecycle, scoped } from 'tsyringe';
import { CLOCK, type Clock, systemClock } from './clock.js';
import { defaultHealthPolicy, HEALTH_POLICY, type HealthPolicy } from './health-policy.js';

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

interface HealthRecord {
  readonly provider: string;
  status: 'working' | 'cooling-down' | 'probing' | 'unknown';
  reason: string | undefined;
  until: number;
  consecutiveFailures: number;
  /** How often the breaker has opened in a row; each trip lengthens the next cooldown. */
  trips: number;
  /** Bumped whenever the breaker opens or is set by hand: results of older calls no longer count. */
  generation: number;
  /** When the current probe began, so a probe that never reports back does not block forever. */
  probeStartedAt: number;
}

/** A call's claim on a provider, handed back with its outcome. */
export interface HealthTicket {
  readonly provider: string;
  readonly generation: number;
}

const keyOf = (provider: string): string => provider.toLowerCase();

/**
 * A circuit breaker per provider. After `failureThreshold` failures in a row the provider cools
 * down; once the cooldown has passed one probe call is let through: a success restores it, a
 * failure opens a longer cooldown (up to `maxCooldownMs`). Marks by hand work the same way.
 */
@scoped(Lifecycle.ContainerScoped)
export class ProviderHealth {
  readonly #records = new Map<string, HealthRecord>();
  readonly #now: Clock;
  readonly #policy: HealthPolicy;

  constructor(
    @inject(CLOCK, { isOptional: true }) now?: Clock,
    @inject(HEALTH_POLICY, { isOptional: true }) policy?: Partial<HealthPolicy>,
  ) {
    this.#now = now ?? systemClock;
    this.#policy = { ...defaultHealthPolicy, ...policy };
  }

  get policy(): HealthPolicy {
    return this.#policy;
  }

  markNotWorking(provider: string, reason: string, cooldownMs: number = this.#policy.cooldownMs): void {
    const record = this.#record(provider);
    record.status = 'cooling-down';
    record.reason = reason;
    record.until = this.#now() + cooldownMs;
    record.generation += 1;
  }

  markWorking(provider: string): void {
    const record = this.#record(provider);
    Object.assign(record, { status: 'working', reason: undefined, until: 0, consecutiveFailures: 0, trips: 0 });
    record.generation += 1;
  }

  /** `undefined` when nothing decides beyond the provider's static flag. */
  isWorking(provider: string): boolean | undefined {
    const { status } = this.entry(provider);
    if (status === 'unknown') return undefined;
    return status === 'working';
  }

  /**
   * Asks to call the provider now: a ticket to report the outcome with, or undefined while it
   * cools down or another call probes it. After the cooldown the first caller gets the probe; a
   * probe that has not reported back within a cooldown is given to the next caller.
   */
  beginCall(provider: string): HealthTicket | undefined {
    const record = this.#record(provider);
    const now = this.#now();
    if (record.status === 'probing' && now - record.probeStartedAt < this.#policy.cooldownMs) return undefined;
    if (record.status === 'cooling-down' && record.until > now) return undefined;
    if (record.status === 'cooling-down' || record.status === 'probing') {
      record.status = 'probing';
      record.probeStartedAt = now;
    }
    return { provider: record.provider, generation: record.generation };
  }

  recordSuccess(ticket: HealthTicket): void {
    const record = this.#current(ticket);
    if (record === undefined) return;
    Object.assign(record, { status: 'working', reason: undefined, until: 0, consecutiveFailures: 0, trips: 0 });
  }

  recordFailure(ticket: HealthTicket, reason: string): void {
    const record = this.#current(ticket);
    if (record === undefined) return;
    record.consecutiveFailures += 1;
    record.reason = reason;
    const probeFailed = record.status === 'probing';
    if (probeFailed || record.consecutiveFailures >= this.#policy.failureThreshold) {
      const { cooldownMs, backoffFactor, maxCooldownMs } = this.#policy;
      record.status = 'cooling-down';
      record.until = this.#now() + Math.min(cooldownMs * backoffFactor ** record.trips, maxCooldownMs);
      record.trips += 1;
      record.generation += 1;
    }
  }

  /** A call that said nothing about the provider's health (the caller aborted, say) gives the probe back. */
  releaseCall(ticket: HealthTicket): void {
    const record = this.#current(ticket);
    if (record?.status === 'probing') record.status = 'cooling-down';
  }

  entry(provider: string): ProviderHealthEntry {
    const record = this.#records.get(keyOf(provider));
    if (record === undefined) {
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
    const base = { provider: record.provider, reason: record.reason, consecutiveFailures: record.consecutiveFailures };
    if (record.status === 'cooling-down' && record.until > now) {
      return { ...base, status: 'cooling-down', until: record.until, cooldownLeftMs: record.until - now };
    }
    // A passed cooldown, or a probe that never reported back, counts as working again: the next
    // call is its probe.
    const probeLapsed = record.status === 'probing' && now - record.probeStartedAt >= this.#policy.cooldownMs;
    const status = record.status === 'cooling-down' || probeLapsed ? 'working' : record.status;
    return { ...base, status, until: undefined, cooldownLeftMs: 0 };
  }

  snapshot(): ProviderHealthEntry[] {
    return [...this.#records.values()].map(({ provider }) => this.entry(provider));
  }

  #record(provider: string): HealthRecord {
    const key = keyOf(provider);
    let record = this.#records.get(key);
    if (record === undefined) {
      record = {
        provider,
        status: 'unknown',
        reason: undefined,
        until: 0,
        consecutiveFailures: 0,
        trips: 0,
        generation: 0,
        probeStartedAt: 0,
      };
      this.#records.set(key, record);
    }
    return record;
  }

  /** The record a ticket still speaks for; undefined when the breaker has moved on since. */
  #current(ticket: HealthTicket): HealthRecord | undefined {
    const record = this.#records.get(keyOf(ticket.provider));
    return record?.generation === ticket.generation ? record : undefined;
  }
}
