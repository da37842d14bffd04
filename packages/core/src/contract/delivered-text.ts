/** How much delivered text an error may carry; past it, only the count grows. */
export const maxRetainedTextLength = 1024 * 1024;

/**
 * The text a stream has delivered so far, kept for the error that reports an interruption.
 * Only the first `limit` characters are kept, so a stream of any length runs in constant memory;
 * the length counts everything.
 */
export class DeliveredText {
  #text = '';
  #length = 0;

  constructor(private readonly limit: number = maxRetainedTextLength) {}

  append(delta: string): void {
    this.#length += delta.length;
    if (this.#text.length < this.limit) this.#text += delta.slice(0, this.limit - this.#text.length);
  }

  /** The first `limit` characters delivered. */
  get text(): string {
    return this.#text;
  }

  get length(): number {
    return this.#length;
  }

  get truncated(): boolean {
    return this.#length > this.#text.length;
  }
}
