import type { Dispatcher } from 'undici';
import { type AbortSource, isCallSignal, listenForAbort, stopListeningForAbort } from './call-signal.js';

type UndiciListener = () => void;

/**
 * One request's abort, listening once to the call's signal for both undici and the wait for the
 * response. undici takes an EventEmitter-shaped signal (`on`/`once`/`removeListener`), which this
 * is: handed the call's AbortSignal, undici would add an EventTarget listener per request, a
 * measurable share of the time to first token (see `listenForAbort`). It listens while the
 * response body is open, so an abort mid-stream still destroys the body with the call's reason;
 * on a call's own signal it is forgotten with the call, on any other it stops when the body closes.
 */
export class RequestAbort {
  aborted = false;
  reason: unknown;
  #undiciListener: UndiciListener | undefined;
  #onAbort: ((reason: unknown) => void) | undefined;

  constructor(private readonly signal: AbortSource) {
    if (signal.aborted) this.handleEvent();
    else listenForAbort(signal, this);
  }

  /** The call's signal aborted. */
  handleEvent(): void {
    this.aborted = true;
    this.reason = this.signal.reason;
    const listener = this.#undiciListener;
    this.#undiciListener = undefined;
    listener?.();
    this.#onAbort?.(this.reason);
  }

  /** Rejects `pending` with the call's reason as soon as it aborts; a response that arrives later is destroyed. */
  settle(pending: Promise<Dispatcher.ResponseData>): Promise<Dispatcher.ResponseData> {
    return new Promise((resolve, reject) => {
      // Aborted before the request was made: undici aborts it once connected; the caller hears now.
      if (this.aborted) reject(this.reason);
      this.#onAbort = reject;
      pending.then(
        (response) => {
          this.#onAbort = undefined;
          if (this.aborted) response.body.destroy();
          else {
            // A call's own signal forgets its listeners with the call; any other is told now.
            if (!isCallSignal(this.signal)) response.body.once('close', () => this.detach());
            resolve(response);
          }
        },
        (error: unknown) => {
          this.detach();
          reject(error);
        },
      );
    });
  }

  detach(): void {
    this.#onAbort = undefined;
    stopListeningForAbort(this.signal, this);
  }

  // What undici calls on an EventEmitter-shaped signal.
  on(_event: 'abort', listener: UndiciListener): this {
    this.#undiciListener = listener;
    return this;
  }

  once(event: 'abort', listener: UndiciListener): this {
    return this.on(event, listener);
  }

  removeListener(_event: 'abort', listener: UndiciListener): this {
    if (this.#undiciListener === listener) this.#undiciListener = undefined;
    return this;
  }
}
