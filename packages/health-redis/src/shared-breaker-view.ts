import type { HealthState } from '@switchyard/core';
import { z } from 'zod';

/** A breaker as the script reports it: durations left on the server's keys, not times. */
const sharedBreakerViewSchema = z.object({
  provider: z.string(),
  status: z.enum(['unknown', 'working', 'open']),
  reason: z.string(),
  failures: z.number(),
  failuresMs: z.number(),
  openMs: z.number(),
  trips: z.number(),
  generation: z.number(),
  probeMs: z.number(),
  probeOwner: z.string(),
  version: z.string().regex(/^\d+$/),
});

export interface SharedBreakerView {
  readonly state: HealthState;
  /** Orders views of one breaker: a later change always has a greater version. */
  readonly version: number;
  readonly probeOwner: string;
}

/**
 * The script's JSON (a reply or a published change) as a state on this process's clock, `at`
 * being when it arrived. Undefined for anything else, so a stray message on the channel is ignored.
 */
export function parseSharedBreakerView(text: string, at: number): SharedBreakerView | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = sharedBreakerViewSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const view = parsed.data;
  return {
    version: Number(view.version),
    probeOwner: view.probeOwner,
    state: {
      provider: view.provider,
      status: view.status,
      reason: view.reason === '' ? undefined : view.reason,
      failures: view.failures,
      failuresUntil: view.failuresMs > 0 ? at + view.failuresMs : 0,
      openUntil: view.status === 'open' ? at + view.openMs : 0,
      trips: view.trips,
      generation: view.generation,
      probeUntil: view.probeMs > 0 ? at + view.probeMs : 0,
    },
  };
}
