import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { EventFraming, EventListener } from './event-framing.js';

export type SseEvent = EventSourceMessage;

/**
 * Server-sent events through eventsource-parser. What it buffers is counted as the characters
 * fed since the last read that completed an event: that undercounts by at most one read, which
 * is all a bound against a runaway server needs.
 */
export function sseFraming(listener: EventListener<SseEvent>): EventFraming {
  let pending = 0;
  let dispatched = false;
  const parser = createParser({
    onEvent: (event) => {
      dispatched = true;
      listener.onEvent(event, event.data.length);
    },
  });
  return {
    feed(text) {
      dispatched = false;
      parser.feed(text);
      pending = dispatched ? 0 : pending + text.length;
      return pending;
    },
    // An event without its blank line is incomplete, and the SSE standard drops it.
    end() {},
  };
}
