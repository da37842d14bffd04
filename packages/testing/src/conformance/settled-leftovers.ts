import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { expectThat } from './check-outcome.js';
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

/**
 * Checked while the server still holds the rest of the answer back (or would go on sending it):
 * once the server finishes the stream by itself, it hides a provider that never let go of it.
 */
export async function expectReleasedWhileHeld(target: ConformanceTarget, boundMs: number): Promise<void> {
  const leftovers = await settledLeftovers(target, boundMs);
  expectThat(leftovers.length === 0, `still held on the server after the stream ended: ${leftovers.join(', ')}`);
}
