import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `condition` until it holds or `boundMs` passes; true when it held. For what a server or
 * a proxy process learns a moment after the client has moved on.
 */
export async function waitUntil(condition: () => boolean, boundMs: number): Promise<boolean> {
  const deadline = performance.now() + boundMs;
  while (!condition()) {
    if (performance.now() >= deadline) return false;
    await delay(5);
  }
  return true;
}
