import { type LogFields, type Logger, type LogLevel, logLevels } from './logger.js';
import { redactingLogger, redactsItself } from './redacting-logger.js';

export interface ConsoleLoggerOptions {
  /** The least severe level written; `'info'` unless set. */
  readonly level?: LogLevel | undefined;
  /** Receives each finished line without its newline; stderr unless set, so stdout stays free for program output. */
  readonly write?: ((line: string) => void) | undefined;
}

type MessageLevel = keyof Logger;

/** A human-readable logger: `<ISO time> LEVEL message {"json":"fields"}`, one line per call, always redacted. */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const threshold = logLevels.indexOf(options.level ?? 'info');
  const write = options.write ?? writeToStderr;
  const lineWriter =
    (level: MessageLevel) =>
    (message: string, fields?: LogFields): void => {
      try {
        write(formatLine(level, message, fields));
      } catch {
        // Logging must never break the call it is reporting on (a closed pipe, say).
      }
    };
  const redacted = redactingLogger({
    debug: lineWriter('debug'),
    info: lineWriter('info'),
    warn: lineWriter('warn'),
    error: lineWriter('error'),
  });
  // Levels below the threshold skip redaction as well as writing: debug calls sit on hot streaming paths.
  const pick = (level: MessageLevel): Logger[MessageLevel] =>
    logLevels.indexOf(level) <= threshold ? redacted[level] : ignore;
  return redactsItself({
    debug: pick('debug'),
    info: pick('info'),
    warn: pick('warn'),
    error: pick('error'),
  });
}

function formatLine(level: MessageLevel, message: string, fields: LogFields | undefined): string {
  const parts = [new Date().toISOString(), level.toUpperCase(), message.replace(/\r?\n/g, '\\n')];
  if (fields !== undefined && Object.keys(fields).length > 0) parts.push(JSON.stringify(fields, jsonSafe));
  return parts.join(' ');
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function writeToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

function ignore(): void {}
