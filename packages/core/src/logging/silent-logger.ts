import type { Logger } from './logger.js';

function ignore(): void {}

/** The default everywhere: a library should stay quiet unless its user asks for output. */
export const silentLogger: Logger = Object.freeze({
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
});
