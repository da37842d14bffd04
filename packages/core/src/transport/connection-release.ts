import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Resolves once undici has put a fully read response's socket back in its pool. With
 * pipelining 1, undici waits one event-loop turn (`setImmediate`) before reusing a socket; a
 * request sent before then finds it busy and opens a new connection. Awaiting a turn after the
 * body ends keeps the requests of one call on one connection.
 */
export function connectionReleased(): Promise<void> {
  return nextTurn();
}
