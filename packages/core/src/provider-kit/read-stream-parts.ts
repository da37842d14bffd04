import type { Readable } from 'node:stream';
import type { ProviderCall } from '../contract/provider-call.js';
import type { ProviderPart } from '../contract/stream-part.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { connectionReleased } from '../transport/connection-release.js';
import { errorFromNetworkFailure } from '../transport/network-failure.js';
import type { EventFraming, EventListener } from './event-framing.js';
import { EventIntake } from './event-intake.js';
import { ndjsonFraming } from './ndjson-framing.js';
import type { StreamDecoder } from './part-sink.js';
import { ProgressClock } from './progress-clock.js';
import { type SseEvent, sseFraming } from './sse-framing.js';

export interface ReadStreamOptions {
  /** Where the stream comes from, for error messages: a URL without its query. */
  readonly target: string;
  /**
   * Characters one event, or the data buffered for one, may hold beyond the text decoded so
   * far; 1 MiB by default. A guard against a runaway server, not a cap on answers: a final
   * event that repeats the whole answer is always allowed.
   */
  readonly maxBufferSize?: number | undefined;
}

/** What the reader needs of the call. */
export type StreamCall = Pick<ProviderCall, 'provider' | 'timeouts' | 'delivered'>;

export const defaultMaxBufferSize = 1024 * 1024;
/** How long, and for how many bytes, the end of the body is awaited after the final event. */
const drainMs = 1000;
const maxDrainBytes = 64 * 1024;

/** Reads a server-sent-events body into parts through the protocol's decoder. */
export function readSseParts(
  body: Readable,
  call: StreamCall,
  decoder: StreamDecoder<SseEvent>,
  options: ReadStreamOptions,
): AsyncGenerator<ProviderPart, void, undefined> {
  return readParts(body, call, sseFraming, decoder, options);
}

/** Reads a newline-delimited JSON body into parts through the protocol's decoder. */
export function readNdjsonParts(
  body: Readable,
  call: StreamCall,
  decoder: StreamDecoder<string>,
  options: ReadStreamOptions,
): AsyncGenerator<ProviderPart, void, undefined> {
  return readParts(body, call, ndjsonFraming, decoder, options);
}

/**
 * The contract's end-of-stream rules, for every protocol: the first delta handed over as soon as
 * it is decoded, later ones joined per network read; the first-token and idle clocks run on
 * decoded text and reasoning; an error event is raised after what came before it; the final
 * event completes the answer (or a finish reason and a clean end, for servers that omit it); a
 * body that ends any other way is an interruption carrying the text delivered so far.
 */
async function* readParts<TEvent>(
  body: Readable,
  call: StreamCall,
  createFraming: (listener: EventListener<TEvent>) => EventFraming,
  decoder: StreamDecoder<TEvent>,
  options: ReadStreamOptions,
): AsyncGenerator<ProviderPart, void, undefined> {
  const { provider } = call;
  const intake = new EventIntake(decoder, provider, options.maxBufferSize ?? defaultMaxBufferSize);
  const { sink } = intake;
  const framing = createFraming(intake);
  const utf8 = new TextDecoder();
  const clock = new ProgressClock(body, provider, call.timeouts.firstTokenMs, call.timeouts.idleMs);

  try {
    let drained = 0;
    let handedOver = false;
    for await (const chunk of body) {
      if (sink.ended) {
        drained += (chunk as Uint8Array).length;
        if (drained > maxDrainBytes) break;
        continue;
      }
      let text = utf8.decode(chunk as Uint8Array, { stream: true });
      while (text !== '') {
        // Until the first part is out, a read is fed a line at a time (every framing takes any
        // split), so the first part reaches the caller the moment it is decoded rather than
        // after the rest of its read; from then on a read's deltas are handed over joined.
        const lineEnd = handedOver ? -1 : text.indexOf('\n');
        const piece = lineEnd === -1 ? text : text.slice(0, lineEnd + 1);
        text = text.slice(piece.length);
        intake.checkPending(framing.feed(piece));
        const parts = sink.takeParts();
        if (parts.length > 0) {
          handedOver = true;
          clock.hold();
          for (const part of parts) yield part;
          clock.resume();
        }
        if (sink.failure !== undefined) throw sink.failure;
        if (sink.ended) {
          clock.drain(drainMs);
          break;
        }
      }
    }
    if (!sink.ended) {
      framing.feed(utf8.decode());
      framing.end();
      yield* sink.takeParts();
      if (sink.failure !== undefined) throw sink.failure;
    }
  } catch (error) {
    // Once the final event is in, whatever happens to the rest of the body changes nothing.
    if (!sink.ended) {
      // A reset or a close mid-body is a connection failure like any other, typed the same way.
      throw errorFromNetworkFailure(error, {
        provider,
        target: options.target,
        timeouts: { connectMs: 0, headersMs: 0, idleMs: call.timeouts.idleMs },
      });
    }
  } finally {
    clock.stop();
    // A consumer that stops early leaves the body half-read; destroying it releases the socket.
    if (!body.readableEnded) body.destroy();
  }

  if (!intake.sawEvent && decoder.onEmptyBody !== undefined) {
    await decoder.onEmptyBody(sink);
    yield* sink.takeParts();
    if (sink.failure !== undefined) throw sink.failure;
  }
  if (!sink.finished) {
    throw new StreamInterruptedError({
      provider,
      partialText: call.delivered.text,
      deliveredLength: call.delivered.length,
      reason: `the stream ended without ${decoder.finalEvent}`,
    });
  }
  // The socket goes back to the pool before the caller hears the end, so its next request reuses it.
  if (body.readableEnded) await connectionReleased();
  yield sink.finishPart();
}
