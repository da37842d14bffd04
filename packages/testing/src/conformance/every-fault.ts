import type { ConformanceFault } from './conformance-subject.js';

/** The statuses the suite injects elsewhere and the others a server commonly fails with. */
const faultStatuses = [307, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504] as const;

type FaultsByKind = {
  readonly [Kind in ConformanceFault['kind']]: ReadonlyArray<Extract<ConformanceFault, { kind: Kind }>>;
};

/**
 * Every fault the target can inject: each kind, and each status at each step the protocol has.
 * Keyed by kind, so a new kind of fault does not compile until it is listed here.
 */
export function everyFault(target: { readonly hasLaterSteps: boolean }): ConformanceFault[] {
  const steps = target.hasLaterSteps ? (['first', 'later'] as const) : (['first'] as const);
  const byKind: FaultsByKind = {
    status: steps.flatMap((step) =>
      faultStatuses.map((status) => ({
        kind: 'status' as const,
        status,
        step,
        ...(status === 429 ? { headers: { 'retry-after': '1' } } : {}),
      })),
    ),
    'upstream-error': [{ kind: 'upstream-error', tokensBefore: ['a'], message: 'the model worker crashed' }],
    'drop-mid-stream': [{ kind: 'drop-mid-stream', tokensBefore: ['a'] }],
    malformed: [{ kind: 'malformed', tokensBefore: ['a'] }],
    'stall-before-headers': [{ kind: 'stall-before-headers' }],
    'stall-before-first-token': [{ kind: 'stall-before-first-token' }],
    'stall-mid-stream': [{ kind: 'stall-mid-stream', tokensBefore: ['a'] }],
  };
  return Object.values(byKind).flat();
}

/** How a fault reads in a failure reason. */
export function describeFault(fault: ConformanceFault): string {
  return fault.kind === 'status' ? `a ${fault.status} at the ${fault.step ?? 'first'} step` : `the ${fault.kind} fault`;
}
