import { inject, Lifecycle, scoped } from 'tsyringe';
import { CLOCK, type Clock, systemClock } from './clock.js';

export type HealthStatus = 'unknown' | 'working' | 'cooling-down';

export interface ProviderHealthEntry {
  readonly provider: string;
  /** `unknown`: nothing observed, the static flag decides. */
  readonly status: HealthStatus;
  readonly reason: string | undefined;
  /** When the cooldown ends (ms since epoch), for `cooling-down`. */
  readonly until: number | undefined;
  readonly cooldownLeftMs: number;
}

type HealthRecord =
  | { readonly status: 'working' }
  | { readonly status: 'cooling-down'; readonly reason: string; readonly until: number };

const keyOf = (provider: string): string => provider.toLowerCase();

/**
 * What has been observed about each provider at run time. A provider marked not working stays
 * so for a cooldown; once it has passed, the provider counts as working again and is tried.
 */
@scoped(Lifecycle.ContainerScoped)
export class ProviderHealth {
  readonly #records = new Map<string, { readonly provider: string; record: HealthRecord }>();
  readonly #now: Clock;

  constructor(@inject(CLOCK, { isOptional: true }) now?: Clock) {
    this.#now = now ?? systemClock;
  }

  markNotWorking(provider: string, reason: string, cooldownMs: number): void {
    const until = this.#now() + cooldownMs;
    this.#records.set(keyOf(provider), { provider, record: { status: 'cooling-down', reason, until } });
  }

  markWorking(provider: string): void {
    this.#records.set(keyOf(provider), { provider, record: { status: 'working' } });
  }

  /** `undefined` when nothing decides beyond the provider's static flag. */
  isWorking(provider: string): boolean | undefined {
    const entry = this.entry(provider);
    if (entry.status === 'unknown') return undefined;
    return entry.status === 'working';
  }

  entry(provider: string): ProviderHealthEntry {
    const found = this.#records.get(keyOf(provider));
    const now = this.#now();
    if (found === undefined) {
      return { provider, status: 'unknown', reason: undefined, until: undefined, cooldownLeftMs: 0 };
    }
    const { record } = found;
    if (record.status === 'working') {
      return { provider: found.provider, status: 'working', reason: undefined, until: undefined, cooldownLeftMs: 0 };
    }
    if (record.until <= now) {
      // The cooldown has passed: the provider deserves another try.
      return { provider: found.provider, status: 'working', reason: undefined, until: undefined, cooldownLeftMs: 0 };
    }
    return {
      provider: found.provider,
      status: 'cooling-down',
      reason: record.reason,
      until: record.until,
      cooldownLeftMs: record.until - now,
    };
  }

  snapshot(): ProviderHealthEntry[] {
    return [...this.#records.values()].map(({ provider }) => this.entry(provider));
  }
}
