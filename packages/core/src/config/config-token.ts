/** tsyringe injection token whose value is a `SwitchyardConfig`. `Symbol.for` so two copies of core share it. */
export const CONFIG = Symbol.for('switchyard.config');
