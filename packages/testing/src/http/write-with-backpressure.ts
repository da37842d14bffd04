import type { ServerResponse } from 'node:http';

/**
 * Writes and waits for `drain` when the socket's buffer is full, so a long scripted stream
 * costs the emulator constant memory. Resolves false when the client has gone away.
 */
export async function writeWithBackpressure(response: ServerResponse, chunk: string): Promise<boolean> {
  if (response.destroyed) return false;
  if (response.write(chunk)) return true;
  await new Promise<void>((resolve) => {
    // Both listeners go when either fires; a long stream must not pile them up.
    const settle = (): void => {
      response.off('drain', settle);
      response.off('close', settle);
      resolve();
    };
    response.on('drain', settle);
    response.on('close', settle);
  });
  return !response.destroyed;
}
