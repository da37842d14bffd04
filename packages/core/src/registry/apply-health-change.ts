import { cooldownAfter, type HealthPolicy } from './health-policy.js';
import type { HealthChange, HealthState } from './health-state.js';

/**
 * The breaker's rules, as one pure step: the state after `change` at `now`. Returns `state`
 * itself when nothing changes, so a store can tell a no-op (the usual success) without comparing
 * fields. A shared store runs the same rules on its server; this is the reference they follow.
 */
export function applyHealthChange(
  state: HealthState,
  change: HealthChange,
  now: number,
  policy: HealthPolicy,
): HealthState {
  switch (change.kind) {
    case 'failure': {
      if (change.generation !== state.generation) return state;
      const failures = (state.failuresUntil > now ? state.failures : 0) + 1;
      const counted = { ...state, reason: change.reason, failures, failuresUntil: now + policy.failureWindowMs };
      // While the breaker is open only its probe holds a ticket of the current generation.
      const probeFailed = state.status === 'open';
      if (!probeFailed && failures < policy.failureThreshold) return counted;
      return {
        ...counted,
        status: 'open',
        openUntil: now + cooldownAfter(state.trips, policy),
        trips: state.trips + 1,
        generation: state.generation + 1,
        probeUntil: 0,
      };
    }
    case 'success': {
      if (change.generation !== state.generation) return state;
      if (state.status === 'working' && state.failures === 0) return state;
      return closed(state, state.generation);
    }
    case 'release': {
      if (change.generation !== state.generation || state.probeUntil === 0) return state;
      return { ...state, probeUntil: 0 };
    }
    case 'mark-not-working':
      return {
        ...state,
        status: 'open',
        reason: change.reason,
        openUntil: now + change.cooldownMs,
        generation: state.generation + 1,
        probeUntil: 0,
      };
    case 'mark-working':
      return closed(state, state.generation + 1);
  }
}

function closed(state: HealthState, generation: number): HealthState {
  return {
    ...state,
    status: 'working',
    reason: undefined,
    failures: 0,
    failuresUntil: 0,
    openUntil: 0,
    trips: 0,
    generation,
    probeUntil: 0,
  };
}
