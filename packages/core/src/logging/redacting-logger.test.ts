import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from './console-logger.js';
import type { LogFields, Logger } from './logger.js';
import { redactingLogger } from './redacting-logger.js';
import { silentLogger } from './silent-logger.js';

function recordingLogger(): { logger: Logger; calls: Array<[string, string, LogFields | undefined]> } {
  const calls: Array<[string, string, LogFields | undefined]> = [];
  const logger: Logger = {
    debug: (message, fields) => calls.push(['debug', message, fields]),
    info: (message, fields) => calls.push(['info', message, fields]),
    warn: (message, fields) => calls.push(['warn', message, fields]),
    error: (message, fields) => calls.push(['error', message, fields]),
  };
  return { logger, calls };
}

describe('redactingLogger', () => {
  it('redacts the message and fields before forwarding at the same level', () => {
    const { logger, calls } = recordingLogger();
    const redacting = redactingLogger(logger);
    redacting.warn('retrying via http://u:pw@proxy:1', { headers: { Authorization: 'Bearer sk' } });
    redacting.debug('no fields');
    expect(calls).toEqual([
      ['warn', 'retrying via http://u:***@proxy:1', { headers: { Authorization: '[redacted]' } }],
      ['debug', 'no fields', undefined],
    ]);
  });

  it('does not wrap twice', () => {
    const { logger } = recordingLogger();
    const once = redactingLogger(logger);
    expect(redactingLogger(once)).toBe(once);
  });

  it('drops fields it cannot read instead of throwing or forwarding them', () => {
    const { logger, calls } = recordingLogger();
    const fields = {
      get broken(): string {
        throw new Error('getter failed');
      },
    };
    expect(() => redactingLogger(logger).error('boom', fields)).not.toThrow();
    expect(calls[0]?.[2]).toEqual({ fields: 'dropped: they could not be read for redaction' });
  });
});

describe('redactingLogger around loggers that need no wrapping', () => {
  it('returns the silent logger and the console logger as they are: they redact, or write nothing, themselves', () => {
    expect(redactingLogger(silentLogger)).toBe(silentLogger);
    const consoleLogger = createConsoleLogger({ level: 'warn', write: () => {} });
    expect(redactingLogger(consoleLogger)).toBe(consoleLogger);
  });
});
