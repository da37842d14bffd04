import { z } from 'zod';
import { milliseconds } from '../validation/milliseconds.js';

/** Every phase of a call that can hang, each with its own limit in milliseconds. */
export const timeoutsSchema = z
  .object({
    connectMs: milliseconds.describe('Opening the connection (and the TLS handshake), in ms; 10000 by default.'),
    headersMs: milliseconds.describe('From the request sent to the response headers, in ms; 30000 by default.'),
    firstTokenMs: milliseconds.describe('From the response to the first text or reasoning, in ms; 60000 by default.'),
    idleMs: milliseconds.describe('The longest silence between two parts of the answer, in ms; 30000 by default.'),
    totalMs: milliseconds.describe('The whole call, in ms; 600000 by default.'),
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
