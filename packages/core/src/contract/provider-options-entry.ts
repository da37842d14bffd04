import type { ChatRequest } from './chat-request.js';

/**
 * A provider's entry of `providerOptions`: by its exact name, else case-insensitively, as the
 * registry finds providers. Own keys only, so `constructor` is a name like any other.
 */
export function providerOptionsEntry(
  providerOptions: ChatRequest['providerOptions'],
  name: string,
): { readonly key: string; readonly value: unknown } | undefined {
  if (providerOptions === undefined) return undefined;
  if (Object.hasOwn(providerOptions, name)) return { key: name, value: providerOptions[name] };
  const wanted = name.toLowerCase();
  const key = Object.keys(providerOptions).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : { key, value: providerOptions[key] };
}
