import type { Readable } from 'node:stream';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ProtocolError } from '../errors/protocol-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { connectionReleased } from './connection-release.js';
import { errorFromNetworkFailure } from './network-failure.js';

export type SseEvent = EventSourceMessage;

export const defaultSseMaxBufferSize = 1024 * 1024;

export interface ReadSseOptions {
  readonly provider?: string | undefined;
  /** Characters one line (or one event's data) may buffer before it is a protocol error. */
  readonly maxBufferSize?: number | undefined;
  /** Where the stream comes from, for error messages. */
  readonly target?: string | undefined;
  /** Time allowed from the start of reading to the first progress event. */
  readonly firstTokenMs: number;
  /** Time allowed between progress events once the first has arrived. */
  readonly idleMs: number;
  /**
   * Which events count as progress for the timers. Keep-alive events (a queue position, say)
   * must not, or a server that only ever says "still waiting" would never time out.
   */
  readonly isProgress?: ((event: SseEvent) => boolean) | undefined;
  /**
   * The event after which the protocol says the server ends the body (a final message,
   * `[DONE]`). The reader then waits briefly for that end before handing the event over, so
   * the socket goes back to the keep-alive pool instead of being destroyed.
   */
  readonly isFinal?: ((event: SseEvent) => boolean) | undefined;
}

/** How long, and for how many bytes, the end of the body is awaited after the final event. */
const drainMs = 1000;
const maxDrainBytes = 64 * 1024;

/**
 * Reads an SSE body and yields, per network read, the events that read completed. Yielding
 * batches rather than single events lets a provider join the text that arrived together into
 * one delta. The timers are enforced by destroying the body, which also closes the socket.
 */
export async function* readSseBatches(
  body: Readable,
  options: ReadSseOptions,
): AsyncGenerator<SseEvent[], void, undefined> {
  const { provider, isProgress, isFinal } = options;
  let batch: SseEvent[] = [];
  const maxBufferSize = options.maxBufferSize ?? defaultSseMaxBufferSize;
  let failure: ProtocolError | undefined;
  const tooLong = (cause?: unknown): ProtocolError =>
    new ProtocolError({ provider, detail: `an SSE line or event exceeded ${maxBufferSize} characters`, cause });
  const parser = createParser({
    // The parser bounds only what it must buffer across reads; a long line that arrives in one
    // read is bounded here, so the limit holds however the bytes were split.
    onEvent: (event) => {
      if (event.data.length > maxBufferSize) failure ??= tooLong();
      else batch.push(event);
    },
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') failure ??= tooLong(error);
    },
    maxBufferSize,
  });
  const decoder = new TextDecoder();

  let phase: 'firstToken' | 'idle' = 'firstToken';
  let final: SseEvent[] | undefined;
  const fire = (): void => {
    // Past the final event a slow end is no failure: stop waiting and keep the answer.
    if (final !== undefined) return void body.destroy();
    const timeoutMs = phase === 'firstToken' ? options.firstTokenMs : options.idleMs;
    body.destroy(new TimeoutError({ provider, phase, timeoutMs }));
  };
  let timer = setTimeout(fire, options.firstTokenMs);

  try {
    let drained = 0;
    for await (const chunk of body) {
      if (final !== undefined) {
        drained += (chunk as Uint8Array).length;
        if (drained > maxDrainBytes) break;
        continue;
      }
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
      if (failure !== undefined) throw failure;
      if (batch.length === 0) continue;
      const events = batch;
      batch = [];
      // Only the last event of a read is checked: a final event is the last the server sends.
      const last = events[events.length - 1];
      if (isFinal !== undefined && last !== undefined && isFinal(last)) {
        final = events;
        clearTimeout(timer);
        timer = setTimeout(fire, Math.min(drainMs, options.idleMs));
        continue;
      }
      const progressed = isProgress === undefined || events.some(isProgress);
      if (progressed) {
        // The clock stops while the consumer holds the events and restarts when it asks for
        // more, so a slow consumer is not taken for a silent server.
        phase = 'idle';
        clearTimeout(timer);
        yield events;
        timer = setTimeout(fire, options.idleMs);
      } else {
        yield events;
      }
    }
    if (final === undefined) {
      parser.feed(decoder.decode());
      if (failure !== undefined) throw failure;
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    // The final event has arrived; whatever happened to the rest of the body changes nothing.
    if (final === undefined) {
      // A reset or a close mid-body is a connection failure like any other, typed the same way.
      throw errorFromNetworkFailure(error, {
        provider,
        target: options.target ?? 'the event stream',
        timeouts: { connectMs: 0, headersMs: 0, idleMs: options.idleMs },
      });
    }
  } finally {
    clearTimeout(timer);
    // A consumer that stops early leaves the body half-read; destroying it releases the socket.
    if (!body.readableEnded) body.destroy();
  }
  if (final !== undefined) {
    if (body.readableEnded) await connectionReleased();
    yield final;
  }
}
