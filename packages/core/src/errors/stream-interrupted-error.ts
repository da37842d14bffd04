import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.StreamInterruptedError');

/**
 * The stream broke after text had reached the caller. Carries that text so the caller can decide
 * what to do with it; never retried or failed over, since a second answer cannot be glued on.
 */
export class StreamInterruptedError extends SwitchyardError {
  readonly [marker] = true;
  readonly partialText: string;

  constructor(options: { provider?: string | undefined; partialText: string; reason: string; cause?: unknown }) {
    super(
      'stream_interrupted',
      `the stream was interrupted after ${options.partialText.length} characters: ${options.reason}. The answer is incomplete.`,
      { provider: options.provider, cause: options.cause },
    );
    this.name = 'StreamInterruptedError';
    this.partialText = options.partialText;
  }

  static override isInstance(error: unknown): error is StreamInterruptedError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
