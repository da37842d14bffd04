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
    const room = this.limit - this.#text.length;
    if (room <= 0) return;
    this.#text += delta.length <= room ? delta : delta.slice(0, room);
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
