import type { WriteStream } from 'node:tty';

export interface TerminalStyle {
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly dim: (text: string) => string;
}

const plain = (text: string): string => text;
const ansi =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001B[${open}m${text}\u001B[${close}m`;

/** Whether `stream` is a terminal: not a pipe, a file or a log. */
export function isTerminal(stream: NodeJS.WritableStream): stream is WriteStream {
  return (stream as Partial<WriteStream>).isTTY === true;
}

/**
 * Colours for what goes to `stream`, only when it is a terminal that takes them (`hasColors`
 * also honours NO_COLOR and FORCE_COLOR); plain text into a pipe, a file or a CI log, whatever
 * the environment says.
 */
export function terminalStyle(stream: NodeJS.WritableStream): TerminalStyle {
  if (!isTerminal(stream) || !stream.hasColors()) return { green: plain, red: plain, yellow: plain, dim: plain };
  return { green: ansi(32, 39), red: ansi(31, 39), yellow: ansi(33, 39), dim: ansi(2, 22) };
}
