/** Thrown inside a check to fail it with a reason a provider author can act on. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

/** Thrown inside a check that does not apply to this provider. */
export class CheckSkipped extends Error {
  override readonly name = 'CheckSkipped';
}

export function expectThat(condition: boolean, reason: string): asserts condition {
  if (!condition) throw new CheckFailure(reason);
}

/** How an unexpected value reads in a failure reason. */
export function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
  return String(value);
}
