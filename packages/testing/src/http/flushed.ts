import type { ServerResponse } from 'node:http';

/** Resolves once what was written so far is handed to the socket: a drop after it is mid-stream, not before. */
export function flushed(response: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => response.write('', () => resolve()));
}
