import type { StreamPart } from './stream-part.js';

/** The text of a part stream, as gpt4free's generators yield it; stopping early stops the parts. */
export async function* textDeltas(parts: AsyncIterable<StreamPart>): AsyncGenerator<string, void, undefined> {
  for await (const part of parts) {
    if (part.type === 'text') yield part.text;
  }
}
