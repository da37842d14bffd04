/**
 * Splits decoded body text into a protocol's events. `feed` reports each complete event to the
 * listener given at creation and returns how many characters it holds for an incomplete one.
 */
export interface EventFraming {
  feed(text: string): number;
  /** The body ended: an event the framing accepts without its terminator is reported now. */
  end(): void;
}

/** Told of each complete event and its size in characters. */
export interface EventListener<TEvent> {
  onEvent(event: TEvent, size: number): void;
}
