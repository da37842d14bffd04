import { AsyncLocalStorage } from 'node:async_hooks';

/** What `switchyardFetch` needs of the Switchyard call it runs in. */
export interface CallTransport {
  /** The call's proxy, else the provider's configured one. */
  readonly proxy: string | undefined;
  readonly connectMs: number;
}

/**
 * The call a model's requests belong to. An AI SDK model takes no per-call transport settings,
 * only the `fetch` it was built with; the call is found through the async context instead.
 */
export const callTransport = new AsyncLocalStorage<CallTransport>();
