/** Resolves when `signal` aborts, at once if it already has. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * Resolves once `until` settles either way or `signal` aborts, whichever is first, so a held
 * stream lets go as soon as its client does rather than when the test releases it.
 */
export async function settledOrAborted(until: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  const abort = new AbortController();
  const aborted = new Promise<void>((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true, signal: abort.signal });
  });
  try {
    await Promise.race([until.then(ignore, ignore), aborted]);
  } finally {
    // Removes the listener when `until` won, so a long stream does not pile them up on `signal`.
    abort.abort();
  }
}

function ignore(): void {}
