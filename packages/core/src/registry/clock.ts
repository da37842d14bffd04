import type { InjectionToken } from 'tsyringe';

/** Milliseconds since the epoch; injected so cooldowns can be tested without waiting. */
export type Clock = () => number;

export const CLOCK: InjectionToken<Clock> = Symbol.for('switchyard.clock');

export const systemClock: Clock = () => Date.now();
