import type { InjectionToken } from 'tsyringe';
import type { HealthPolicy } from './health-policy.js';
import type { HealthChange, HealthState } from './health-state.js';

/**
 * Where `ProviderHealth` keeps its breakers. Every method is synchronous and must not wait on I/O:
 * they run on every call. A shared store answers from what it knows locally and settles with its
 * peers in the background, so it must also never throw for its own failures.
 */
export interface HealthStore {
  /** This process's view of the provider's breaker; undefined when nothing is known. */
  read(provider: string): HealthState | undefined;
  /** Every breaker it knows. */
  list(): HealthState[];
  /** Applies `change` atomically, as `applyHealthChange` defines it. */
  apply(provider: string, change: HealthChange, now: number, policy: HealthPolicy): void;
  /**
   * Asks for the one probe of a breaker whose cooldown has passed (`generation` as read): true when
   * this call is the probe. A shared store may say false while it asks its peers for the lease, and
   * true to a later call once the lease is this process's.
   */
  claimProbe(provider: string, generation: number, now: number, policy: HealthPolicy): boolean;
}

/** Register a `HealthStore` under this token and every `ProviderHealth` in the container uses it. */
export const HEALTH_STORE: InjectionToken<HealthStore> = Symbol.for('switchyard.health-store');

/** Stores key breakers by provider name case-insensitively, as the registry finds providers. */
export function healthKey(provider: string): string {
  return provider.toLowerCase();
}
