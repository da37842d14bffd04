/** An abort controller that also follows an outside signal, and lets go of it when disposed. */
export interface LinkedAbort {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  /** Detaches from the outside signal, which may live far longer than one call. */
  dispose(): void;
}

/**
 * Follows `outside` with its own reason, so whoever reads `signal.reason` learns the real cause.
 * A listener rather than `AbortSignal.any`, so nothing stays attached to a long-lived signal.
 */
export function linkedAbort(outside: AbortSignal | undefined): LinkedAbort {
  const controller = new AbortController();
  const follow = (): void => controller.abort(outside?.reason);
  if (outside?.aborted) follow();
  else outside?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => outside?.removeEventListener('abort', follow),
  };
}
