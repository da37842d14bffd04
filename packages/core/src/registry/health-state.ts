/**
 * The circuit breaker's stored status. `open` covers both the cooldown (`openUntil` ahead) and the
 * half-open wait after it, when one probe may go out.
 */
export type HealthStateStatus = 'unknown' | 'working' | 'open';

/**
 * One provider's breaker as a health store holds it. Times are milliseconds on the clock of the
 * `ProviderHealth` that reads it; 0 means "not set".
 */
export interface HealthState {
  /** The provider's name as first written. */
  readonly provider: string;
  readonly status: HealthStateStatus;
  readonly reason: string | undefined;
  /** Failures in a row; they stop counting at `failuresUntil`. */
  readonly failures: number;
  readonly failuresUntil: number;
  /** When the cooldown ends; the breaker stays open after it until a probe succeeds. */
  readonly openUntil: number;
  /** How often the breaker has opened in a row; each trip lengthens the next cooldown. */
  readonly trips: number;
  /** Bumped whenever the breaker opens or is set by hand: results of older calls no longer count. */
  readonly generation: number;
  /** When the lease of the probe that is out runs out. */
  readonly probeUntil: number;
}

/**
 * What can happen to a breaker. Outcomes carry the generation of the call's ticket so a result
 * that arrives after the breaker moved on changes nothing.
 */
export type HealthChange =
  | { readonly kind: 'failure'; readonly generation: number; readonly reason: string }
  | { readonly kind: 'success'; readonly generation: number }
  /** A call that said nothing about health (the caller aborted, say) gives its probe back. */
  | { readonly kind: 'release'; readonly generation: number }
  | { readonly kind: 'mark-not-working'; readonly reason: string; readonly cooldownMs: number }
  | { readonly kind: 'mark-working' };

export function initialHealthState(provider: string): HealthState {
  return {
    provider,
    status: 'unknown',
    reason: undefined,
    failures: 0,
    failuresUntil: 0,
    openUntil: 0,
    trips: 0,
    generation: 0,
    probeUntil: 0,
  };
}
