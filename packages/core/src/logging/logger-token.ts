/** tsyringe injection token whose value is a `Logger`. `Symbol.for` so two copies of core share it. */
export const LOGGER = Symbol.for('switchyard.logger');
