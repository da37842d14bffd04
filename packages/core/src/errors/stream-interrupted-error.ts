import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.StreamInterruptedError');

/**
 * The stream broke after text had reached the caller. Carries that text so the caller can decide
 * what to do with it; never retried or failed over, since a second answer cannot be glued on.
 */
export class StreamInterruptedError extends SwitchyardError {
  readonly [marker] = true;
  /** The text delivered before the interruption (its first MiB, for a very long stream). */
  readonly partialText: string;
  /** How many characters were delivered in all. */
  readonly deliveredLength: number;

  constructor(options: {
    provider?: string | undefined;
    partialText: string;
    deliveredLength?: number | undefined;
    reason: string;
    cause?: unknown;
  }) {
    const deliveredLength = options.deliveredLength ?? options.partialText.length;
    super(
      'stream_interrupted',
      `the stream was interrupted after ${deliveredLength} characters: ${options.reason}. The answer is incomplete.`,
      { provider: options.provider, cause: options.cause },
    );
    this.name = 'StreamInterruptedError';
    this.partialText = options.partialText;
    this.deliveredLength = deliveredLength;
  }

  static override isInstance(error: unknown): error is StreamInterruptedError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
