/**
 * A naive UTC ISO-8601 timestamp as Python's `datetime.isoformat()` writes one: no `Z`, and the
 * microseconds only when they are not zero (JavaScript has milliseconds, padded to six digits).
 */
export function naiveTimestamp(date: Date = new Date()): string {
  const iso = date.toISOString().slice(0, 19);
  const milliseconds = date.getUTCMilliseconds();
  return milliseconds === 0 ? iso : `${iso}.${String(milliseconds * 1000).padStart(6, '0')}`;
}
