/**
 * Whether a value is an object with these methods: how a settings schema recognises a registry, a
 * health or a logger, so one from another copy of the package still counts.
 */
export const hasMethods =
  (...methods: string[]) =>
  (value: unknown): boolean =>
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');
