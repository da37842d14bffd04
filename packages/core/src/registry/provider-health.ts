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
  }

  markWorking(provider: string): void {
    const record = this.#record(provider);
    Object.assign(record, { status: 'working', reason: undefined, until: 0, consecutiveFailures: 0, trips: 0 });
  }

  /** `undefined` when nothing decides beyond the provider's static flag. */
  isWorking(provider: string): boolean | undefined {
    const { status } = this.entry(provider);
    if (status === 'unknown') return undefined;
    return status === 'working';
  }

  /**
   * Asks to call the provider now. False while it cools down, or while another call probes it;
   * after the cooldown the first caller gets the probe.
   */
  tryBeginCall(provider: string): boolean {
    const record = this.#records.get(keyOf(provider));
    if (record === undefined || record.status === 'working' || record.status === 'unknown') return true;
    if (record.status === 'probing') return false;
    if (record.until > this.#now()) return false;
    record.status = 'probing';
    return true;
  }

  recordSuccess(provider: string): void {
    this.markWorking(provider);
  }

  recordFailure(provider: string, reason: string): void {
    const record = this.#record(provider);
    record.consecutiveFailures += 1;
    record.reason = reason;
    const probeFailed = record.status === 'probing';
    if (probeFailed || record.consecutiveFailures >= this.#policy.failureThreshold) {
      const { cooldownMs, backoffFactor, maxCooldownMs } = this.#policy;
      record.status = 'cooling-down';
      record.until = this.#now() + Math.min(cooldownMs * backoffFactor ** record.trips, maxCooldownMs);
      record.trips += 1;
    }
  }

  /** A call that said nothing about the provider's health (the caller aborted, say) gives the probe back. */
  releaseCall(provider: string): void {
    const record = this.#records.get(keyOf(provider));
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
    // A passed cooldown counts as working again: the next call is its probe.
    const status = record.status === 'cooling-down' ? 'working' : record.status;
    return { ...base, status, until: undefined, cooldownLeftMs: 0 };
  }

  snapshot(): ProviderHealthEntry[] {
    return [...this.#records.values()].map(({ provider }) => this.entry(provider));
  }

  #record(provider: string): HealthRecord {
    const key = keyOf(provider);
    let record = this.#records.get(key);
    if (record === undefined) {
      record = { provider, status: 'unknown', reason: undefined, until: 0, consecutiveFailures: 0, trips: 0 };
      this.#records.set(key, record);
    }
    return record;
  }
}
