import { AbortedError } from '../errors/aborted-error.js';
import { TimeoutError } from '../errors/timeout-error.js';

export interface CallSignal {
  /**
   * Aborts with an `AbortedError` when the caller aborts, or a `TimeoutError` when the total time
   * is up. Made on first use: a call whose requests listen through `listenForAbort` never needs one.
   */
  readonly signal: AbortSignal;
  readonly aborted: boolean;
  /** The typed error it aborted with; undefined until then. */
  readonly reason: unknown;
  throwIfAborted(): void;
  /** Clears the timer and detaches from the caller's signal; call it when the call settles. */
  dispose(): void;
}

/** What a call can be aborted through: its own call signal, or any AbortSignal. */
export type AbortSource = CallSignal | AbortSignal;

/** The AbortSignal of `source`, made now if it is a call signal that has none yet. */
export function abortSignalOf(source: AbortSource): AbortSignal {
  return source instanceof AbortSignal ? source : source.signal;
}

/** Told once when a signal aborts; an object, so listening costs no closure per request. */
export interface AbortListener {
  handleEvent(): void;
}

/**
 * One signal for everything a call does. Its reason is always a typed Switchyard error, so undici,
 * which rejects with `signal.reason`, surfaces the right error without any translation.
 * A listener is used rather than `AbortSignal.any` so nothing stays attached to a long-lived
 * caller signal after the call ends. A class, listening through `handleEvent` and timing through
 * a shared function: one lives as long as its call, and many calls keep one small object each.
 * Its AbortSignal is made only when asked for: making one costs tens of microseconds on a cold
 * cache, on the way to the first token, and the kit's own requests listen without it.
 */
class TypedCallSignal implements CallSignal {
  #controller: AbortController | undefined;
  #reason: Error | undefined;
  readonly #timer: NodeJS.Timeout;
  #listeners: AbortListener[] | undefined;

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
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#reason !== undefined) this.#controller.abort(this.#reason);
      callSignals.set(this.#controller.signal, this);
    }
    return this.#controller.signal;
  }

  get aborted(): boolean {
    return this.#reason !== undefined;
  }

  get reason(): unknown {
    return this.#reason;
  }

  throwIfAborted(): void {
    if (this.#reason !== undefined) throw this.#reason;
  }

  /** The caller aborted. */
  handleEvent(): void {
    this.#abort(new AbortedError({ provider: this.provider, cause: this.callerSignal?.reason }));
  }

  timeUp(): void {
    this.#abort(new TimeoutError({ provider: this.provider, phase: 'total', timeoutMs: this.totalMs }));
  }

  listen(listener: AbortListener): void {
    if (this.#listeners === undefined) this.#listeners = [listener];
    else this.#listeners.push(listener);
  }

  stopListening(listener: AbortListener): void {
    const index = this.#listeners?.indexOf(listener) ?? -1;
    if (index !== -1) this.#listeners?.splice(index, 1);
  }

  #abort(reason: Error): void {
    if (this.#reason !== undefined) return;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners ?? [];
    this.#listeners = undefined;
    for (const listener of listeners) listener.handleEvent();
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.callerSignal?.removeEventListener('abort', this);
  }
}

/** Call signals by the AbortSignal they hand out, so what listens to one needs no EventTarget listener. */
const callSignals = new WeakMap<AbortSignal, TypedCallSignal>();

function ownCallSignal(source: AbortSource): TypedCallSignal | undefined {
  return source instanceof TypedCallSignal ? source : callSignals.get(source as AbortSignal);
}

/**
 * Whether `source` is a call's own signal: its listeners then live in a plain list for as long as
 * the call, and need not be removed one by one.
 */
export function isCallSignal(source: AbortSource): boolean {
  return ownCallSignal(source) !== undefined;
}

/**
 * Tells `listener` once when `source` aborts. A call signal keeps its listeners in a plain list:
 * an EventTarget listener on the first-token path costs tens of microseconds on a cold cache, and
 * its records a good part of a kilobyte per open stream. Any other signal is listened to as usual.
 */
export function listenForAbort(source: AbortSource, listener: AbortListener): void {
  const callSignal = ownCallSignal(source);
  if (callSignal !== undefined) callSignal.listen(listener);
  else (source as AbortSignal).addEventListener('abort', listener, { once: true });
}

export function stopListeningForAbort(source: AbortSource, listener: AbortListener): void {
  const callSignal = ownCallSignal(source);
  if (callSignal !== undefined) callSignal.stopListening(listener);
  else (source as AbortSignal).removeEventListener('abort', listener);
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
