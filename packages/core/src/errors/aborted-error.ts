import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.AbortedError');

/** The caller aborted through its `AbortSignal`. Never retried. */
export class AbortedError extends SwitchyardError {
  readonly [marker] = true;

  constructor(options: { provider?: string | undefined; cause?: unknown }) {
    super('aborted', 'the call was aborted by the caller.', { provider: options.provider, cause: options.cause });
    this.name = 'AbortedError';
  }

  static override isInstance(error: unknown): error is AbortedError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
