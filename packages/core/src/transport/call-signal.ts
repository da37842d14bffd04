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
 * caller signal after the call ends.
 */
export function createCallSignal(options: {
  callerSignal?: AbortSignal | undefined;
  totalMs: number;
  provider?: string | undefined;
}): CallSignal {
  const controller = new AbortController();
  const { callerSignal, provider } = options;

  const onCallerAbort = (): void => {
    controller.abort(new AbortedError({ provider, cause: callerSignal?.reason }));
  };
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  const timer = setTimeout(() => {
    controller.abort(new TimeoutError({ provider, phase: 'total', timeoutMs: options.totalMs }));
  }, options.totalMs);

  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
