import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { ConformanceTarget } from './conformance-subject.js';

/**
 * What the provider left on the server, given a bounded grace period: the server learns of a
 * closed socket a moment after the client closes it.
 */
export async function settledLeftovers(target: ConformanceTarget, boundMs: number): Promise<string[]> {
  const deadline = performance.now() + boundMs;
  let leftovers = target.leftovers();
  while (leftovers.length > 0 && performance.now() < deadline) {
    await delay(5);
    leftovers = target.leftovers();
  }
  return leftovers;
}
