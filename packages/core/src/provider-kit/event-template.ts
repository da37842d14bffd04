import { readJsonStringLiteral } from './json-string-literal.js';
import { ownString } from './own-string.js';

/**
 * The events of one stream that differ from a known event only in one string (a token's text),
 * read by that string alone instead of by parsing the whole event again.
 *
 * A decoder parses an event in full, and when that event meant nothing but "this text", it
 * teaches the template the text: what surrounds the text's JSON literal becomes the template.
 * A later event made of the same prefix, one JSON string literal and the same suffix is the
 * same event with another text, by the grammar of JSON alone; anything else is not read here and
 * goes to the full parse. No guessing: a server that varies any other byte (an id per chunk, say)
 * simply never matches.
 */
/** Lessons in a row that never read an event: after these, the stream's events are not alike. */
const maxLessonsWithoutRead = 3;

export class EventTemplate {
  #prefix: string | undefined;
  #suffix = '';
  /**
   * A server that varies another byte in every event (a per-chunk id, random padding) never
   * matches; learning again from each event would cost more than the parse it never saves.
   */
  #lessonsWithoutRead = 0;

  /** The text in the slot, or undefined when the event is not the template with another text. */
  read(data: string): string | undefined {
    const prefix = this.#prefix;
    const end = data.length - this.#suffix.length;
    // Slices compared with ===, not startsWith: on the sliced strings a parser hands out,
    // startsWith walks them a character at a time and costs more than the parse it saves.
    if (prefix === undefined || data.slice(0, prefix.length) !== prefix || data.slice(end) !== this.#suffix) {
      return undefined;
    }
    // Not one string literal (two, say, with a key between them): not this template.
    const text = readJsonStringLiteral(data, prefix.length, end);
    if (text !== undefined) this.#lessonsWithoutRead = 0;
    return text;
  }

  /**
   * Learns from a fully parsed event that meant only `text`, one the template did not read, so
   * it follows the stream's current shape; only where the text's literal is unambiguous.
   */
  learn(data: string, text: string): void {
    // An empty text ("" in a role chunk, say) is too common a literal to place.
    if (text === '' || this.#lessonsWithoutRead >= maxLessonsWithoutRead) return;
    const literal = JSON.stringify(text);
    const at = data.indexOf(literal);
    if (at === -1 || data.indexOf(literal, at + 1) !== -1) return;
    this.#lessonsWithoutRead += 1;
    // Copies, not slices: a slice would keep the whole network read it was cut from alive.
    this.#prefix = ownString(data.slice(0, at));
    this.#suffix = ownString(data.slice(at + literal.length));
  }
}
