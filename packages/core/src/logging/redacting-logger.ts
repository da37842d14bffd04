import type { LogFields, Logger } from './logger.js';
import { redactFields, redactSecretsInText } from './redact.js';
import { silentLogger } from './silent-logger.js';

type MessageLevel = keyof Logger;

/** Loggers that redact already, or write nothing: wrapping them again would redact for nothing. */
const redactingLoggers = new WeakSet<Logger>([silentLogger]);

/** Declares that `logger` redacts what it writes itself (after its level check, where it should). */
export function redactsItself<T extends Logger>(logger: T): T {
  redactingLoggers.add(logger);
  return logger;
}

/** Wraps `inner` so nothing reaches it before credentials are removed from the message and fields. */
export function redactingLogger(inner: Logger): Logger {
  if (redactingLoggers.has(inner)) return inner;
  const forward =
    (level: MessageLevel) =>
    (message: string, fields?: LogFields): void => {
      const safeMessage = redactSecretsInText(message);
      let safeFields: LogFields | undefined;
      try {
        safeFields = fields === undefined ? undefined : redactFields(fields);
      } catch {
        // A throwing getter must not turn a log call into a failure, and unredacted fields must not go out.
        safeFields = { fields: 'dropped: they could not be read for redaction' };
      }
      inner[level](safeMessage, safeFields);
    };
  const logger: Logger = {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
  };
  redactingLoggers.add(logger);
  return logger;
}
