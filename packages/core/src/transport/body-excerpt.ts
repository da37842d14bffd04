import { redactSecretsInText } from '../logging/redact.js';

const excerptLength = 200;

/** A short, single-line, secret-free piece of a response body for error messages. */
export function bodyExcerpt(body: string): string {
  const flattened = redactSecretsInText(body).replace(/\s+/g, ' ').trim();
  return flattened.length > excerptLength ? `${flattened.slice(0, excerptLength)}…` : flattened;
}
