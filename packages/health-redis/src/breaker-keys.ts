import { healthKey } from '@switchyard/core';

/**
 * The four keys of one provider's breaker, in the script's KEYS order. The provider's part is in
 * braces, a Redis Cluster hash tag, so all four land on one slot and the script may touch them
 * together; it is URI-encoded so a brace or colon in a name cannot break out of it.
 */
export function breakerKeys(prefix: string, provider: string): [string, string, string, string] {
  const base = `${prefix}{${encodeURIComponent(healthKey(provider))}}`;
  return [`${base}:state`, `${base}:failures`, `${base}:open`, `${base}:probe`];
}

/** Where every change of every breaker under `prefix` is published. */
export function changesChannel(prefix: string): string {
  return `${prefix}changes`;
}
