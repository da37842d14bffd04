import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.AllProvidersFailedError');

export type AttemptOutcome = 'skipped' | 'failed' | 'empty' | 'succeeded';

export interface AttemptRecord {
  readonly provider: string;
  /** The model asked of that provider. */
  readonly model: string | undefined;
  /** 1 for the first try on this provider, 2 for its first retry, … */
  readonly attempt: number;
  readonly outcome: AttemptOutcome;
  /** Why it was skipped or how it failed. */
  readonly error: SwitchyardError | undefined;
  readonly durationMs: number;
}

export class AllProvidersFailedError extends SwitchyardError {
  readonly [marker] = true;
  readonly attempts: readonly AttemptRecord[];

  constructor(options: { attempts: readonly AttemptRecord[] }) {
    const lines = options.attempts.map(
      (attempt) =>
        `${attempt.provider} ${attempt.outcome}${attempt.error === undefined ? '' : ` (${attempt.error.message})`}`,
    );
    super('all_providers_failed', `every provider failed: ${lines.join('; ') || 'no providers were given'}.`);
    this.name = 'AllProvidersFailedError';
    this.attempts = options.attempts;
  }

  static override isInstance(error: unknown): error is AllProvidersFailedError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
