import type { FinishPart, FinishReason, ProviderPart, Usage } from '../contract/stream-part.js';
import { withoutUndefined } from '../contract/without-undefined.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { PartSink } from './part-sink.js';

/**
 * Collects what a decoder reports during one network read and hands it over as parts: runs of
 * the same kind joined into one part, in the order they arrived.
 */
export class PartAssembler implements PartSink {
  #parts: ProviderPart[] = [];
  #kind: 'text' | 'reasoning' | undefined;
  #pending = '';
  #finishReason: FinishReason | undefined;
  #rawFinishReason: string | undefined;
  #usage: Usage | undefined;
  /** Characters of text and reasoning decoded so far. */
  decodedLength = 0;
  ended = false;
  failure: SwitchyardError | undefined;

  /** After the final event or an error event, later events change nothing. */
  get settled(): boolean {
    return this.ended || this.failure !== undefined;
  }

  /** Whether the protocol said how the answer ended, even without its final event. */
  get finished(): boolean {
    return this.ended || this.#finishReason !== undefined;
  }

  text(delta: string): void {
    if (delta !== '' && !this.settled) this.#append('text', delta);
  }

  reasoning(delta: string): void {
    if (delta !== '' && !this.settled) this.#append('reasoning', delta);
  }

  finish(finishReason: FinishReason, rawFinishReason?: string | undefined): void {
    if (this.settled) return;
    this.#finishReason = finishReason;
    this.#rawFinishReason = rawFinishReason;
  }

  usage(usage: Usage): void {
    if (this.settled) return;
    this.#usage = this.#usage === undefined ? usage : { ...this.#usage, ...withoutUndefined(usage) };
  }

  end(): void {
    if (this.failure === undefined) this.ended = true;
  }

  fail(error: SwitchyardError): void {
    if (!this.settled) this.failure = error;
  }

  /** The parts since the last call; an empty array when nothing arrived. */
  takeParts(): ProviderPart[] {
    this.#flush();
    const parts = this.#parts;
    if (parts.length > 0) this.#parts = [];
    return parts;
  }

  finishPart(): FinishPart {
    return {
      type: 'finish',
      finishReason: this.#finishReason ?? 'other',
      rawFinishReason: this.#rawFinishReason,
      usage: this.#usage,
    };
  }

  #append(kind: 'text' | 'reasoning', delta: string): void {
    this.decodedLength += delta.length;
    if (this.#kind === kind) {
      this.#pending += delta;
      return;
    }
    this.#flush();
    this.#kind = kind;
    this.#pending = delta;
  }

  #flush(): void {
    if (this.#kind === undefined) return;
    this.#parts.push({ type: this.#kind, text: this.#pending });
    this.#kind = undefined;
    this.#pending = '';
  }
}
