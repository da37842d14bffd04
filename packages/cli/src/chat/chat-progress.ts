import type { AttemptRecord, StreamPart } from '@switchyard/core';
import type { ProgressLine } from '../terminal/progress-line.js';
import type { TerminalStyle } from '../terminal/terminal-style.js';

/** The message without the provider's name in front, which the line already starts with. */
function reasonOf(attempt: AttemptRecord, explain: (error: Error) => string): string {
  if (attempt.error === undefined) return '';
  return explain(attempt.error).replace(new RegExp(`^${escapeRegExp(attempt.provider)}: `), '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const outcomeWords: Readonly<Record<AttemptRecord['outcome'], string>> = {
  failed: 'failed',
  skipped: 'skipped',
  empty: 'answered with no text',
  succeeded: 'answered',
};

/**
 * What `chat` says on stderr while it waits: who it is asking, each attempt of a chain as it
 * fails (a line that stays, on a terminal or not), and on a terminal a spinner until the first
 * text, which clears it.
 */
export class ChatProgress {
  readonly #line: ProgressLine;
  readonly #style: TerminalStyle;
  readonly #members: readonly string[];
  readonly #explain: (error: Error) => string;
  #answering = false;

  constructor(options: {
    line: ProgressLine;
    style: TerminalStyle;
    /** The providers in the order they are tried: one, or a chain. */
    members: readonly string[];
    /** The CLI's wording of an error. */
    explain: (error: Error) => string;
  }) {
    this.#line = options.line;
    this.#style = options.style;
    this.#members = options.members;
    this.#explain = options.explain;
  }

  starting(): void {
    const first = this.#members[0];
    if (first !== undefined) this.#line.status(`connecting to ${first}…`);
  }

  /** A chain's attempt as it ends; a lone provider's failure is the command's error instead. */
  attempt(attempt: AttemptRecord): void {
    if (attempt.outcome === 'succeeded' || this.#members.length < 2) return;
    const retry = attempt.attempt > 1 ? ` (try ${attempt.attempt})` : '';
    const reason = reasonOf(attempt, this.#explain);
    const line = `${attempt.provider}${retry} ${outcomeWords[attempt.outcome]}${reason === '' ? '' : `: ${reason}`}`;
    this.#line.persist(attempt.outcome === 'skipped' ? this.#style.yellow(line) : this.#style.red(line));
    const next = this.#members[this.#members.indexOf(attempt.provider) + 1];
    if (next !== undefined) this.#line.status(`${attempt.provider} ${outcomeWords[attempt.outcome]}, trying ${next}…`);
    else this.#line.clear();
  }

  part(part: StreamPart): void {
    if (this.#answering) return;
    if (part.type === 'start') this.#line.status(`waiting for the first token from ${part.provider}…`);
    else if (part.type === 'reasoning') this.#line.status('reasoning…');
    else if (part.type === 'text') {
      this.#answering = true;
      this.#line.clear();
    }
  }

  done(): void {
    this.#line.clear();
  }
}
