/**
 * Polls `probe` until it returns something other than undefined. The deadline is generous, only
 * so a broken build fails instead of hanging: tests assert that things happen, never how fast.
 */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
