import { redactSecretsInText } from '@switchyard/core';

/**
 * Strings shaped like credentials, beyond the URL passwords and credential query parameters
 * core's `redactSecretsInText` hides: API keys by their usual prefixes, bearer tokens, and long
 * opaque tokens (session cookies, JWT segments). Bounded repetitions keep the search linear on
 * long text.
 */
const credentialShapes: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,4096}/gi, '$1 [redacted]'],
  [/\b((?:sk|pk|rk|ak|api|key|tok|token|sess|ghp|gho|xox[abp])[-_])[A-Za-z0-9._-]{6,4096}/gi, '[redacted]'],
  [/\b(?=[A-Za-z0-9_-]{0,4096}\d)(?=[A-Za-z0-9_-]{0,4096}[A-Za-z])[A-Za-z0-9_-]{32,4096}\b/g, '[redacted]'],
];

/**
 * Takes credentials out of text the gateway passes on from upstream (an error message quoting a
 * server's body) before it reaches a client, a log line or a metric. The gateway's own client keys
 * are removed by value; anything else shaped like a credential, by shape. A lost identifier in
 * an error message is a small price for never echoing someone's key.
 */
export class SecretScrubber {
  readonly #known: readonly string[];

  constructor(knownSecrets: readonly string[]) {
    // Longest first, so a key that contains another is removed whole.
    this.#known = [...knownSecrets].filter((secret) => secret !== '').sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let clean = text;
    for (const secret of this.#known) clean = clean.split(secret).join('[redacted]');
    clean = redactSecretsInText(clean);
    for (const [shape, replacement] of credentialShapes) clean = clean.replace(shape, replacement);
    return clean;
  }
}
