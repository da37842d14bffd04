import { defaultTimeouts } from '@switchyard/core';
import { getDispatcher } from '@switchyard/core/provider-kit';
import { fetch as undiciFetch } from 'undici';
import { callTransport } from './call-transport.js';

type UndiciInit = NonNullable<Parameters<typeof undiciFetch>[1]>;
type UndiciInput = Parameters<typeof undiciFetch>[0];

/**
 * A `fetch` for AI SDK providers that sends their requests through Switchyard's transport: the
 * call's proxy (http, https or socks5) and connect timeout, on the process's shared keep-alive
 * dispatchers. Give it to the AI SDK provider (`createOpenAICompatible({ baseURL, fetch:
 * switchyardFetch })`) and say so to `fromAiSdk` (`switchyardFetch: true`), which then honours
 * each call's `proxy`. Redirects are not followed, as Switchyard's own providers follow none:
 * a request and its credentials go to the configured host or nowhere.
 */
export const switchyardFetch: typeof globalThis.fetch = (input, init) => {
  const call = callTransport.getStore();
  const dispatcher = getDispatcher({
    proxy: call?.proxy,
    connectMs: call?.connectMs ?? defaultTimeouts.connectMs,
  });
  // undici's own types differ from the DOM's in name only; the objects are the same at runtime.
  const options = { ...(init as UndiciInit | undefined), dispatcher, redirect: 'manual' } as UndiciInit;
  return undiciFetch(input as UndiciInput, options) as unknown as Promise<Response>;
};
