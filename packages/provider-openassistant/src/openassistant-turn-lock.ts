import { raceAbort } from '@switchyard/core/provider-kit';

/**
 * One assistant message at a time per session. The server cancels a user's pending assistant
 * message when the same user asks for another with a different parent (protocol §1.7 step 4),
 * so two concurrent calls on one session would starve the first in `pending` forever. A call
 * holds its session's turn from asking for the answer until the answer starts (or fails).
 */
export class TurnLock {
  readonly #tails = new Map<string, Promise<void>>();

  /** Waits for the session's turn; resolves to its release, which is safe to call twice. */
  async acquire(session: string, signal: AbortSignal): Promise<() => void> {
    let release: () => void = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tails.get(session) ?? Promise.resolve();
    const tail = previous.then(() => mine);
    this.#tails.set(session, tail);
    const done = (): void => {
      release();
      // The last holder leaves no entry behind.
      if (this.#tails.get(session) === tail) this.#tails.delete(session);
    };
    try {
      await raceAbort(previous, signal);
    } catch (error) {
      done();
      throw error;
    }
    return done;
  }
}
