/** The `code` of an error from Node, undici or the OS (`ENOENT`, `ECONNREFUSED`, `UND_ERR_…`), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
