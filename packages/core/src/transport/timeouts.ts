import { z } from 'zod';

const milliseconds = z
  .number()
  .int()
  .positive()
  .max(2_147_483_647, 'expected at most 2147483647 ms (the largest timer Node allows)');

/** Every phase of a call that can hang, each with its own limit in milliseconds. */
export const timeoutsSchema = z
  .object({
    connectMs: milliseconds,
    headersMs: milliseconds,
    firstTokenMs: milliseconds,
    idleMs: milliseconds,
    totalMs: milliseconds,
  })
  .partial()
  .strict();

export interface Timeouts {
  readonly connectMs: number;
  readonly headersMs: number;
  readonly firstTokenMs: number;
  readonly idleMs: number;
  readonly totalMs: number;
}
export type TimeoutOverrides = z.infer<typeof timeoutsSchema>;

export const defaultTimeouts: Timeouts = {
  connectMs: 10_000,
  headersMs: 30_000,
  firstTokenMs: 60_000,
  idleMs: 30_000,
  totalMs: 600_000,
};

/** Later layers win: defaults, then config, then the constructor, then the call. */
export function mergeTimeouts(...layers: ReadonlyArray<TimeoutOverrides | undefined>): Timeouts {
  const merged: { -readonly [Key in keyof Timeouts]: number } = { ...defaultTimeouts };
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const key of Object.keys(layer) as Array<keyof Timeouts>) {
      const value = layer[key];
      if (value !== undefined) merged[key] = value;
    }
  }
  return merged;
}
