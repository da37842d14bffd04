/** One chat completion in flight: its cancellation and its end. */
export interface InFlightRequest {
  /** Passed to the provider call: aborting it cancels the call upstream. */
  readonly controller: AbortController;
  /** True once shutdown cancelled it, so the client is told why. */
  readonly cancelledByShutdown: boolean;
  /** Call once the response has ended, however it ended. */
  finish(): void;
}

/**
 * The chat completions in flight: a bound on how many (past it, a request is refused rather
 * than queued) and, on shutdown, a grace period after which the rest are cancelled upstream.
 */
export class InFlightRequests {
  readonly #open = new Set<{ controller: AbortController; cancelledByShutdown: boolean }>();
  readonly #idle = new Set<() => void>();

  constructor(readonly max: number) {}

  get size(): number {
    return this.#open.size;
  }

  /** A slot for one more request, or undefined when `max` are in flight. */
  admit(): InFlightRequest | undefined {
    if (this.#open.size >= this.max) return undefined;
    const entry = { controller: new AbortController(), cancelledByShutdown: false };
    this.#open.add(entry);
    let finished = false;
    return {
      controller: entry.controller,
      get cancelledByShutdown() {
        return entry.cancelledByShutdown;
      },
      finish: () => {
        if (finished) return;
        finished = true;
        this.#open.delete(entry);
        if (this.#open.size === 0) for (const resolve of this.#idle) resolve();
      },
    };
  }

  /** Resolves once nothing is in flight, or after `ms`, whichever comes first. */
  async settled(ms: number): Promise<void> {
    if (this.#open.size === 0) return;
    let resolveIdle: () => void = () => {};
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      resolveIdle = resolve;
      this.#idle.add(resolve);
      if (Number.isFinite(ms)) timer = setTimeout(resolve, ms);
    });
    this.#idle.delete(resolveIdle);
    clearTimeout(timer);
  }

  /** Cancels every request still in flight; each ends with an error the client can read. */
  cancelAll(reason: Error): void {
    for (const entry of this.#open) {
      entry.cancelledByShutdown = true;
      entry.controller.abort(reason);
    }
  }
}
