/** Every level a logger can be set to, quietest first; a logger set to one level also writes those before it. */
export const logLevels = ['silent', 'error', 'warn', 'info', 'debug'] as const;

export type LogLevel = (typeof logLevels)[number];

/** Structured context for one log line. Loggers redact it before it leaves the process. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Where Switchyard reports what it is doing. Implementations must never throw back into the caller. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
