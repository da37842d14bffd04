import type { Dispatcher } from 'undici';
import { listenForAbort } from './call-signal.js';

type AbortListener = () => void;

/**
 * One request's abort, listening once to the call's signal for both undici and the wait for the
 * response. undici takes an EventEmitter-shaped signal (`on`/`once`/`removeListener`), which this
 * is: handed the call's AbortSignal, undici would add an EventTarget listener per request, a
 * measurable share of the time to first token (see `listenForAbort`). The listener stays while
 * the response body is open, so an abort mid-stream still destroys the body with the call's
 * reason, and it is removed when the body closes.
 */
export class RequestAbort {
  aborted = false;
  reason: unknown;
  #undiciListener: AbortListener | undefined;
  #onAbort: ((reason: unknown) => void) | undefined;
  readonly #stopListening: (() => void) | undefined;

  constructor(private readonly signal: AbortSignal) {
    if (signal.aborted) this.#aborted();
    else this.#stopListening = listenForAbort(signal, () => this.#aborted());
  }

  #aborted(): void {
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
      this.#onAbort = reject;
      pending.then(
        (response) => {
          this.#onAbort = undefined;
          if (this.aborted) response.body.destroy();
          else {
            response.body.once('close', () => this.detach());
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
    this.#stopListening?.();
  }

  // What undici calls on an EventEmitter-shaped signal.
  on(_event: 'abort', listener: AbortListener): this {
    this.#undiciListener = listener;
    return this;
  }

  once(event: 'abort', listener: AbortListener): this {
    return this.on(event, listener);
  }

  removeListener(_event: 'abort', listener: AbortListener): this {
    if (this.#undiciListener === listener) this.#undiciListener = undefined;
    return this;
  }
}
