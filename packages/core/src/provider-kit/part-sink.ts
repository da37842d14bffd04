import type { FinishReason, Usage } from '../contract/stream-part.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';

/**
 * Where a decoder reports what one event means. Deltas that arrive in one network read are
 * joined into one part; nothing is held past the read that brought it.
 */
export interface PartSink {
  /** Answer text; an empty string is no progress (a role chunk, say) and is dropped. */
  text(delta: string): void;
  reasoning(delta: string): void;
  /** Why the answer ended, where the protocol says so (possibly before its final event). */
  finish(finishReason: FinishReason, rawFinishReason?: string | undefined): void;
  /** Token counts; later reports add to or replace earlier ones, field by field. */
  usage(usage: Usage): void;
  /** The protocol's final event: the answer is complete and the rest of the body is ignored. */
  end(): void;
  /** An error the server reported inside the stream: raised once what came before it is delivered. */
  fail(error: SwitchyardError): void;
}

/**
 * A protocol's reading of its events: an SSE message, or one line of newline-delimited JSON.
 * The kit owns framing, joining, timers, the size bound and the end-of-stream rules.
 */
export interface StreamDecoder<TEvent> {
  onEvent(event: TEvent, out: PartSink): void;
  /**
   * The body ended without a single event. By default that is an interruption like any cut
   * stream; a protocol where it means "already finished elsewhere" reports the answer here.
   */
  onEmptyBody?: ((out: PartSink) => Promise<void>) | undefined;
  /** What the protocol's final event is called, for the message of a cut stream, e.g. `[DONE]`. */
  readonly finalEvent: string;
}
