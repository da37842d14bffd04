import { AbortedError } from '../errors/aborted-error.js';
import { TimeoutError } from '../errors/timeout-error.js';

export interface CallSignal {
  /** Aborts with an `AbortedError` when the caller aborts, or a `TimeoutError` when the total time is up. */
  readonly signal: AbortSignal;
  /** Clears the timer and detaches from the caller's signal; call it when the call settles. */
  dispose(): void;
}

/**
 * One signal for everything a call does. Its reason is always a typed Switchyard error, so undici,
 * which rejects with `signal.reason`, surfaces the right error without any translation.
 * A listener is used rather than `AbortSignal.any` so nothing stays attached to a long-lived
 * caller signal after the call ends. A class, listening through `handleEvent` and timing through
 * a shared function: one lives as long as its call, and many calls keep one small object each.
 */
class TypedCallSignal implements CallSignal {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly totalMs: number,
    private readonly provider: string | undefined,
  ) {
    if (callerSignal?.aborted) this.handleEvent();
    else callerSignal?.addEventListener('abort', this, { once: true });
    this.#timer = setTimeout(expire, totalMs, this);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The caller aborted. */
  handleEvent(): void {
    this.#controller.abort(new AbortedError({ provider: this.provider, cause: this.callerSignal?.reason }));
  }

  timeUp(): void {
    this.#controller.abort(new TimeoutError({ provider: this.provider, phase: 'total', timeoutMs: this.totalMs }));
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.callerSignal?.removeEventListener('abort', this);
  }
}

function expire(callSignal: TypedCallSignal): void {
  callSignal.timeUp();
}

export function createCallSignal(options: {
  callerSignal?: AbortSignal | undefined;
  totalMs: number;
  provider?: string | undefined;
}): CallSignal {
  return new TypedCallSignal(options.callerSignal, options.totalMs, options.provider);
}
