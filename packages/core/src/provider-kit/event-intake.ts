import { ProtocolError } from '../errors/protocol-error.js';
import type { EventListener } from './event-framing.js';
import { PartAssembler } from './part-assembler.js';
import type { StreamDecoder } from './part-sink.js';

/**
 * Where a framing delivers a stream's events: each checked against the size bound (which grows
 * with the text decoded, so a final event that repeats the answer is allowed), then read by the
 * protocol's decoder into the stream's parts. A class, not closures: one lives per open stream.
 */
export class EventIntake<TEvent> implements EventListener<TEvent> {
  readonly sink = new PartAssembler();
  sawEvent = false;

  constructor(
    private readonly decoder: StreamDecoder<TEvent>,
    private readonly provider: string,
    private readonly maxBufferSize: number,
  ) {}

  onEvent(event: TEvent, size: number): void {
    // Within the bound without counting the text so far: the common case, one comparison.
    if (size > this.maxBufferSize) this.checkPending(size);
    this.sawEvent = true;
    if (!this.sink.settled) this.decoder.onEvent(event, this.sink);
  }

  /** Characters held for one event (whole, or still incomplete) must stay within the bound. */
  checkPending(size: number): void {
    const limit = this.maxBufferSize + this.sink.decodedLength;
    if (size <= limit) return;
    throw new ProtocolError({
      provider: this.provider,
      detail: `an event exceeded ${limit} characters (${this.maxBufferSize} beyond the text so far)`,
    });
  }
}
