import type { Logger } from '@switchyard/core';

export interface CapturingLogger extends Logger {
  readonly lines: Array<{ readonly level: string; readonly message: string; readonly fields: unknown }>;
  count(level: string): number;
}

/** A logger that keeps what it is told, for tests that count warnings and look for secrets. */
export function capturingLogger(): CapturingLogger {
  const lines: CapturingLogger['lines'] = [];
  const keep =
    (level: string) =>
    (message: string, fields?: unknown): void => {
      lines.push({ level, message, fields });
    };
  return {
    lines,
    count: (level) => lines.filter((line) => line.level === level).length,
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
  };
}
