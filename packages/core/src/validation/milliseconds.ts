import { z } from 'zod';

const largestTimerMs = 2_147_483_647;
const tooLong = `expected at most ${largestTimerMs} ms (the largest timer Node allows)`;

/** A duration in whole milliseconds that a Node timer can wait: above 0. */
export const milliseconds = z.number().int().positive().max(largestTimerMs, tooLong);

/** The same, where 0 means "no wait". */
export const nonNegativeMilliseconds = z.number().int().nonnegative().max(largestTimerMs, tooLong);
