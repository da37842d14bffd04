import type { AbortSource } from '../transport/call-signal.js';
import type { TimeoutOverrides } from '../transport/timeouts.js';
import type { DeliveredSoFar } from './provider-call.js';

/**
 * The internal entry by which a fallback chain runs its members on a request it has already
 * validated, with its own signal and delivered text. A symbol local to this package, not a
 * public flag, so no caller can skip validation.
 */
export const runValidated = Symbol('switchyard.runValidated');

/** What the outermost call shares with the providers it runs. */
export interface RunContext {
  readonly callSignal: AbortSource;
  /** Appended by the outermost call only; members read it for their interruptions. */
  readonly delivered: DeliveredSoFar;
  /** The chain's own timeouts, between each member's and the call's. */
  readonly timeouts: TimeoutOverrides | undefined;
}
