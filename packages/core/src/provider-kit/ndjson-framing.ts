import type { EventFraming, EventListener } from './event-framing.js';

/** Newline-delimited JSON (Ollama's native API, say): one event a line, blank lines skipped. */
export function ndjsonFraming(listener: EventListener<string>): EventFraming {
  let rest = '';
  const emit = (raw: string): void => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') listener.onEvent(line, line.length);
  };
  return {
    feed(text) {
      let newline = text.indexOf('\n');
      if (newline === -1) {
        rest += text;
        return rest.length;
      }
      emit(rest + text.slice(0, newline));
      let start = newline + 1;
      for (newline = text.indexOf('\n', start); newline !== -1; newline = text.indexOf('\n', start)) {
        emit(text.slice(start, newline));
        start = newline + 1;
      }
      rest = text.slice(start);
      return rest.length;
    },
    // A last line without its newline is still a whole line.
    end() {
      const last = rest;
      rest = '';
      emit(last);
    },
  };
}
