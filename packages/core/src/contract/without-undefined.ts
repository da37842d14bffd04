/**
 * The entries whose value is not undefined. zod keeps a key given as `undefined`, and a spread
 * of it would mask a configured default: `{ temperature: undefined }` means "not given".
 */
export function withoutUndefined<T extends object>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
