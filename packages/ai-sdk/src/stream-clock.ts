import { TimeoutError, type TimeoutPhase, type Timeouts } from '@switchyard/core';

/**
 * The waits of one call to an AI SDK model, each with its limit: for the model to answer
 * (connect and headers as one wait, since the AI SDK does not tell them apart), for the first
 * text or reasoning, and for each next one. The clock stops while the consumer holds a part, so
 * a slow consumer is not taken for a silent model. When a limit passes it calls `expire` with
 * the `TimeoutError`, once.
 */
export class StreamClock {
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly limits: Pick<Timeouts, 'firstTokenMs' | 'idleMs'> & {
      readonly provider: string;
      /** How long the model may take to answer: connect and headers as one wait, or headers alone when the transport times the connect. */
      readonly answerMs: number;
    },
    private readonly expire: (error: TimeoutError) => void,
  ) {
    this.#arm('headers', limits.answerMs);
  }

  /** The model has answered; its stream is open. */
  answered(): void {
    this.#arm('firstToken', this.limits.firstTokenMs);
  }

  /** The consumer has a part; nothing is being waited for. */
  hold(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The consumer asks for more: the idle gap starts now. */
  resume(): void {
    this.#arm('idle', this.limits.idleMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(phase: TimeoutPhase, timeoutMs: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.expire(new TimeoutError({ provider: this.limits.provider, phase, timeoutMs }));
    }, timeoutMs);
  }
}
