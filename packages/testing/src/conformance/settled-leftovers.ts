import { expectThat } from './check-outcome.js';
import type { ConformanceTarget } from './conformance-subject.js';
import { waitUntil } from './wait-until.js';

/**
 * What the provider left on the server, given a bounded grace period: the server learns of a
 * closed socket a moment after the client closes it.
 */
export async function settledLeftovers(target: ConformanceTarget, boundMs: number): Promise<string[]> {
  await waitUntil(() => target.leftovers().length === 0, boundMs);
  return target.leftovers();
}

/**
 * Checked while the server still holds the rest of the answer back (or would go on sending it):
 * once the server finishes the stream by itself, it hides a provider that never let go of it.
 */
export async function expectReleasedWhileHeld(target: ConformanceTarget, boundMs: number): Promise<void> {
  const leftovers = await settledLeftovers(target, boundMs);
  expectThat(leftovers.length === 0, `still held on the server after the stream ended: ${leftovers.join(', ')}`);
}
