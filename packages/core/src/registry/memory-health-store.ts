import { applyHealthChange } from './apply-health-change.js';
import { type HealthPolicy, probeLeaseMs } from './health-policy.js';
import { type HealthChange, type HealthState, initialHealthState } from './health-state.js';
import { type HealthStore, healthKey } from './health-store.js';

/** The default store: breakers in this process only, in a map. */
export class MemoryHealthStore implements HealthStore {
  readonly #states = new Map<string, HealthState>();

  read(provider: string): HealthState | undefined {
    return this.#states.get(healthKey(provider));
  }

  list(): HealthState[] {
    return [...this.#states.values()];
  }

  apply(provider: string, change: HealthChange, now: number, policy: HealthPolicy): void {
    const key = healthKey(provider);
    const state = this.#states.get(key) ?? initialHealthState(provider);
    const next = applyHealthChange(state, change, now, policy);
    if (next !== state) this.#states.set(key, next);
  }

  claimProbe(provider: string, generation: number, now: number, policy: HealthPolicy): boolean {
    const key = healthKey(provider);
    const state = this.#states.get(key);
    if (state === undefined || state.generation !== generation || state.probeUntil > now) return false;
    this.#states.set(key, { ...state, probeUntil: now + probeLeaseMs(policy) });
    return true;
  }
}
