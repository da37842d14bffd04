import { InvalidArgumentError } from 'commander';

const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/** `--timeout 90`, `90s`, `1500ms` or `2m` in milliseconds; a bare number is seconds, as in gpt4free. */
export function durationFlag(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value);
  const amount = Number(match?.[1]);
  const ms = Math.round(amount * (unitMs[match?.[2] ?? 's'] ?? 1000));
  if (match === null || !(ms > 0)) {
    throw new InvalidArgumentError(`expected a duration such as 90, 90s, 1500ms or 2m, got "${value}"`);
  }
  return ms;
}
