import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { raceAbort } from './race-abort.js';

describe('raceAbort', () => {
  it('settles as the promise does, and stops listening', async () => {
    const controller = new AbortController();
    await expect(raceAbort(Promise.resolve('done'), controller.signal)).resolves.toBe('done');
    await expect(raceAbort(Promise.reject(new Error('failed')), controller.signal)).rejects.toThrow('failed');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects with the reason the moment the signal aborts, however long the promise takes', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const racing = raceAbort(new Promise(() => undefined), controller.signal);
    controller.abort(reason);
    await expect(racing).rejects.toBe(reason);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects at once on a signal already aborted, and the abandoned promise failing later is handled', async () => {
    const reason = new Error('already');
    let fail: (error: Error) => void = () => undefined;
    const abandoned = new Promise<never>((_resolve, reject) => {
      fail = reject;
    });
    await expect(raceAbort(abandoned, AbortSignal.abort(reason))).rejects.toBe(reason);
    const unhandled: unknown[] = [];
    const onUnhandled = (error: unknown) => unhandled.push(error);
    process.on('unhandledRejection', onUnhandled);
    fail(new Error('later'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});
