import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleLogger } from './console-logger.js';
import type { LogLevel } from './logger.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function capture(level?: LogLevel): { lines: string[]; logger: ReturnType<typeof createConsoleLogger> } {
  const lines: string[] = [];
  return { lines, logger: createConsoleLogger({ level, write: (line) => lines.push(line) }) };
}

describe('createConsoleLogger', () => {
  it('writes one line: ISO timestamp, LEVEL, message, JSON fields', () => {
    const { lines, logger } = capture();
    logger.info('stream started', { provider: 'openai', attempt: 1 });
    logger.warn('no fields');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO stream started \{"provider":"openai","attempt":1\}$/,
    );
    expect(lines[1]).toMatch(/^\S+ WARN no fields$/);
  });

  it('keeps a multi-line message on one line', () => {
    const { lines, logger } = capture();
    logger.error('first\nsecond');
    expect(lines[0]).toMatch(/ERROR first\\nsecond$/);
  });

  it.each([
    ['debug', ['DEBUG', 'INFO', 'WARN', 'ERROR']],
    ['info', ['INFO', 'WARN', 'ERROR']],
    ['warn', ['WARN', 'ERROR']],
    ['error', ['ERROR']],
    ['silent', []],
  ] as const)('at level %s writes %j', (level, expected) => {
    const { lines, logger } = capture(level);
    logger.debug('m');
    logger.info('m');
    logger.warn('m');
    logger.error('m');
    expect(lines.map((line) => line.split(' ')[1])).toEqual(expected);
  });

  it('never writes secrets from messages, fields or errors', () => {
    const { lines, logger } = capture('debug');
    logger.debug('via http://alice:pw-in-message@proxy:8080', {
      headers: { Authorization: 'Bearer sk-in-header', Cookie: 'sid=cookie-in-header' },
      cookies: { 'example.com': 'cookie-in-record' },
      proxy: 'socks5://alice:pw-in-field@proxy:1080',
      error: new Error('connect http://alice:pw-in-error@proxy:8080 failed'),
      apiKey: 'sk-in-field',
      big: 10n,
    });
    expect(lines).toHaveLength(1);
    for (const secret of [
      'pw-in-message',
      'sk-in-header',
      'cookie-in-header',
      'cookie-in-record',
      'pw-in-field',
      'pw-in-error',
      'sk-in-field',
    ]) {
      expect(lines[0]).not.toContain(secret);
    }
    expect(lines[0]).toContain('"example.com":"[redacted]"');
    expect(lines[0]).toContain('"big":"10"');
  });

  it('writes to stderr with a newline by default', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    createConsoleLogger().info('hello', { token: 'tok-secret' });
    expect(stderr).toHaveBeenCalledTimes(1);
    const written = String(stderr.mock.calls[0]?.[0]);
    expect(written).toMatch(/ INFO hello \{"token":"\[redacted\]"\}\n$/);
  });

  it('does not throw when writing fails', () => {
    const logger = createConsoleLogger({
      write: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => logger.error('lost')).not.toThrow();
  });
});
