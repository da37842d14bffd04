/**
 * A rejected key as OpenAI echoes it: the `sk-` prefix and the last four characters, the rest
 * starred. A short key is starred whole, so the echo never gives away most of a secret.
 */
export function maskedApiKey(key: string): string {
  if (key.length < 12) return '*'.repeat(Math.max(key.length, 4));
  const prefix = key.startsWith('sk-') ? 'sk-' : '';
  return `${prefix}${'*'.repeat(key.length - prefix.length - 4)}${key.slice(-4)}`;
}
