import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AbortedError } from '../errors/aborted-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { type AbortListener, createCallSignal, listenForAbort, stopListeningForAbort } from './call-signal.js';

/** A listener that records what it heard, by name. */
const hearing = (heard: unknown[], what: () => unknown): AbortListener => ({ handleEvent: () => heard.push(what()) });

describe('createCallSignal', () => {
  it('aborts with an AbortedError when the caller aborts, and tells its listeners once', () => {
    const caller = new AbortController();
    const call = createCallSignal({ callerSignal: caller.signal, totalMs: 60_000, provider: 'Test' });
    const heard: unknown[] = [];
    listenForAbort(
      call.signal,
      hearing(heard, () => call.signal.reason),
    );
    caller.abort(new Error('stop'));
    caller.abort(new Error('again'));
    expect(heard).toHaveLength(1);
    expect(AbortedError.isInstance(heard[0])).toBe(true);
    call.dispose();
  });

  it('aborts with a TimeoutError when the total time is up', async () => {
    const call = createCallSignal({ totalMs: 20, provider: 'Test' });
    const reason = await new Promise((resolve) =>
      listenForAbort(call.signal, { handleEvent: () => resolve(call.signal.reason) }),
    );
    expect(TimeoutError.isInstance(reason)).toBe(true);
    expect(reason).toMatchObject({ phase: 'total', timeoutMs: 20 });
    call.dispose();
  });

  it('forgets a listener that stopped listening, and keeps no EventTarget listener of its own', () => {
    const caller = new AbortController();
    const call = createCallSignal({ callerSignal: caller.signal, totalMs: 60_000 });
    const heard: unknown[] = [];
    const stopped = hearing(heard, () => 'stopped');
    listenForAbort(call.signal, stopped);
    listenForAbort(
      call.signal,
      hearing(heard, () => 'kept'),
    );
    expect(getEventListeners(call.signal, 'abort')).toHaveLength(0);
    stopListeningForAbort(call.signal, stopped);
    caller.abort();
    expect(heard).toEqual(['kept']);
    call.dispose();
  });

  it('detaches from the caller signal when disposed', () => {
    const caller = new AbortController();
    const call = createCallSignal({ callerSignal: caller.signal, totalMs: 60_000 });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    call.dispose();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('makes its AbortSignal when asked, aborted already if the call was', () => {
    const caller = new AbortController();
    const call = createCallSignal({ callerSignal: caller.signal, totalMs: 60_000, provider: 'Test' });
    const heard: unknown[] = [];
    listenForAbort(
      call,
      hearing(heard, () => call.reason),
    );
    expect(call.aborted).toBe(false);
    expect(() => call.throwIfAborted()).not.toThrow();
    caller.abort();
    expect(call.aborted).toBe(true);
    expect(AbortedError.isInstance(heard[0])).toBe(true);
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBe(call.reason);
    expect(() => call.throwIfAborted()).toThrow(AbortedError);
    call.dispose();
  });

  it('aborts an AbortSignal made before the abort, and finds the call by it', () => {
    const caller = new AbortController();
    const call = createCallSignal({ callerSignal: caller.signal, totalMs: 60_000 });
    const { signal } = call;
    const heard: unknown[] = [];
    listenForAbort(
      signal,
      hearing(heard, () => 'by its AbortSignal'),
    );
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    caller.abort();
    expect(signal.aborted).toBe(true);
    expect(heard).toEqual(['by its AbortSignal']);
    call.dispose();
  });

  it('listens to any other signal through its own listeners', () => {
    const controller = new AbortController();
    const heard: unknown[] = [];
    const listener = hearing(heard, () => 'heard');
    listenForAbort(controller.signal, listener);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    stopListeningForAbort(controller.signal, listener);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    listenForAbort(controller.signal, listener);
    controller.abort();
    expect(heard).toEqual(['heard']);
  });
});
