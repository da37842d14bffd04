import type { Readable } from 'node:stream';
import { TimeoutError } from '../errors/timeout-error.js';

/**
 * The first-token and idle limits of a stream, run on decoded progress rather than on bytes, so
 * keep-alives (a queue position, a ping) never count. One timer, re-armed lazily: progress only
 * moves a deadline, and the timer checks it when it fires. The clock stops while the consumer
 * holds the parts, so a slow consumer is not taken for a silent server. It ends a stream by
 * destroying the body with the `TimeoutError`, which also closes the socket.
 */
export class ProgressClock {
  #phase: 'firstToken' | 'idle' = 'firstToken';
  #deadline: number;
  #timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires; a deadline that moves earlier than this needs a new timer. */
  #firesAt = 0;
  #holding = false;

  constructor(
    private readonly body: Readable,
    private readonly provider: string,
    private readonly firstTokenMs: number,
    private readonly idleMs: number,
  ) {
    this.#deadline = performance.now() + firstTokenMs;
    this.#arm(firstTokenMs);
  }

  /** The consumer has the parts; the clock waits for it. */
  hold(): void {
    this.#phase = 'idle';
    this.#holding = true;
  }

  /** The consumer asks for more: the idle gap starts now. */
  resume(): void {
    this.#holding = false;
    this.#deadline = performance.now() + this.idleMs;
    // Steady progress only moves the deadline later; the first token moves it earlier, once.
    if (this.#timer !== undefined && this.#firesAt <= this.#deadline) return;
    clearTimeout(this.#timer);
    this.#arm(this.idleMs);
  }

  /** After the final event: the rest of the body is awaited briefly, and a slow end is no failure. */
  drain(waitMs: number): void {
    this.stop();
    this.#timer = setTimeout(() => this.body.destroy(), Math.min(waitMs, this.idleMs));
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#holding = true;
  }

  #arm(ms: number): void {
    this.#firesAt = performance.now() + ms;
    this.#timer = setTimeout(check, ms, this);
  }

  /** The timer fired: time out, or wait for the deadline that progress moved. */
  check(): void {
    this.#timer = undefined;
    if (this.#holding) return;
    const left = this.#deadline - performance.now();
    if (left > 0) {
      this.#arm(left);
      return;
    }
    const timeoutMs = this.#phase === 'firstToken' ? this.firstTokenMs : this.idleMs;
    this.body.destroy(new TimeoutError({ provider: this.provider, phase: this.#phase, timeoutMs }));
  }
}

/** One function for every clock's timer, rather than a closure per stream. */
function check(clock: ProgressClock): void {
  clock.check();
}
