import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * Writes and waits for `drain` when the socket's buffer is full, so a long scripted stream
 * costs the emulator constant memory. Resolves false when the client has gone away.
 */
export async function writeWithBackpressure(response: ServerResponse, chunk: string): Promise<boolean> {
  if (response.destroyed) return false;
  if (response.write(chunk)) return true;
  await Promise.race([once(response, 'drain'), once(response, 'close')]);
  return !response.destroyed;
}
