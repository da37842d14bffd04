import { isTerminal } from './terminal-style.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const frameMs = 80;
/** Carriage return and erase-line: the status line is redrawn in place and leaves nothing behind. */
const eraseLine = '\r\u001B[2K';

/**
 * One line of "what is happening now" under a command's output, with a spinner. It exists only on
 * a terminal: into a pipe or a log a status that keeps changing is noise, so `status` and `clear`
 * then do nothing and `persist` writes plain lines.
 */
export interface ProgressLine {
  readonly interactive: boolean;
  /** Shows or replaces the status text. */
  status(text: string): void;
  /** Writes a line that stays, above the status line, which goes on. */
  persist(line: string): void;
  /** Removes the status line and stops the spinner, until the next `status`. */
  clear(): void;
}

export function progressLine(
  stream: NodeJS.WritableStream,
  options: {
    /** False keeps even a terminal to plain lines, e.g. under a debug log that writes to it too. */
    readonly animate?: boolean | undefined;
  } = {},
): ProgressLine {
  if (options.animate === false || !isTerminal(stream) || process.env.TERM === 'dumb') {
    return {
      interactive: false,
      status: () => {},
      persist: (line) => stream.write(`${line}\n`),
      clear: () => {},
    };
  }
  let text: string | undefined;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    if (text === undefined) return;
    // Cut to the terminal's width: a status that wraps could no longer be erased by one eraseLine.
    // A terminal that reports no width (a pty nobody sized) gets the classic 80 columns.
    const width = stream.columns > 0 ? stream.columns : 80;
    const shown = `${frames[frame % frames.length]} ${text}`.slice(0, width - 1);
    stream.write(`${eraseLine}${shown}`);
  };
  return {
    interactive: true,
    status(next) {
      text = next;
      draw();
      // Unref'd: a spinner must never keep a finished command alive.
      timer ??= setInterval(() => {
        frame += 1;
        draw();
      }, frameMs).unref();
    },
    persist(line) {
      if (text !== undefined) stream.write(eraseLine);
      stream.write(`${line}\n`);
      draw();
    },
    clear() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (text !== undefined) stream.write(eraseLine);
      text = undefined;
    },
  };
}
