import { afterEach, describe, expect, it } from 'vitest';
import { closeDispatchers, getDispatcher } from './dispatchers.js';

afterEach(closeDispatchers);

describe('getDispatcher', () => {
  it('shares one dispatcher per proxy and connect timeout', () => {
    expect(getDispatcher({ connectMs: 1000 })).toBe(getDispatcher({ connectMs: 1000 }));
    expect(getDispatcher({ connectMs: 1000 })).not.toBe(getDispatcher({ connectMs: 2000 }));
    expect(getDispatcher({ connectMs: 1000, proxy: 'http://127.0.0.1:8080' })).not.toBe(
      getDispatcher({ connectMs: 1000 }),
    );
  });

  it('keeps a bounded number, retiring the least recently used', () => {
    const retired = getDispatcher({ connectMs: 1 });
    for (let connectMs = 2; connectMs <= 33; connectMs++) getDispatcher({ connectMs });
    expect(getDispatcher({ connectMs: 1 })).not.toBe(retired);

    const kept = getDispatcher({ connectMs: 100 });
    for (let connectMs = 101; connectMs <= 140; connectMs++) {
      getDispatcher({ connectMs });
      // Used again each time, it never becomes the least recently used.
      expect(getDispatcher({ connectMs: 100 })).toBe(kept);
    }
  });

  it('leaves process.emitWarning as it was after creating a SOCKS5 dispatcher', () => {
    const emitWarning = process.emitWarning;
    getDispatcher({ connectMs: 1000, proxy: 'socks5://127.0.0.1:1080' });
    expect(process.emitWarning).toBe(emitWarning);
  });
});
