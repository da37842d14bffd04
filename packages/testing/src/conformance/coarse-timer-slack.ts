/**
 * undici times response headers on a clock that ticks every half second, so a headers timeout
 * lands up to a second after it is due: what a bound on one must allow for.
 */
export const coarseTimerSlackMs = 1_000;
