import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from './silent-logger.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('silentLogger', () => {
  it('writes nothing at any level', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    silentLogger.debug('d', { token: 'x' });
    silentLogger.info('i');
    silentLogger.warn('w');
    silentLogger.error('e', { error: new Error('x') });
    expect(stderr).not.toHaveBeenCalled();
    expect(stdout).not.toHaveBeenCalled();
  });

  it('cannot be reconfigured by a caller', () => {
    expect(Object.isFrozen(silentLogger)).toBe(true);
  });
});
