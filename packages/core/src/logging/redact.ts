import type { LogFields } from './logger.js';

const redacted = '[redacted]';
const hiddenPassword = '***';
const circular = '[circular]';

/** Header and field names whose values are credentials, compared lower-cased. */
const sensitiveNames = new Set([
  'cookie',
  'cookies',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'apikey',
  'api_key',
  'password',
  'token',
  'session-token',
]);

/** True for keys whose values are credentials: auth headers, cookies, API keys, passwords and `*Token` names. */
export function isSensitiveKey(key: string): boolean {
  const lower = key.toLowerCase();
  return (
    sensitiveNames.has(lower) ||
    lower.endsWith('-token') ||
    lower.endsWith('_token') ||
    // `proxyPassword`, `clientSecret`, `x-goog-api-key`, `openaiApiKey`: the usual spellings of a secret.
    /(password|secret|api[-_]?key)$/.test(lower) ||
    // Case-sensitive on purpose: `accessToken` is a credential, `maxTokens` and `inputTokens` are counts.
    key.endsWith('Token')
  );
}

/**
 * `scheme://user:password@`. The password runs to the last `@` before the path, as the URL parser
 * reads it, so a raw `@` inside a password cannot leave its tail visible. Every part is
 * length-bounded so a long log line cannot make the search quadratic.
 */
const schemeCredentials = /\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#:"'<>]{0,256}):[^\s/?#"'<>]{0,256}@/gi;

/**
 * `user:password@host` typed without a scheme, a common way to get a proxy setting wrong; the
 * URL parser reads `user:` as the protocol, so only this pattern catches it.
 */
const barewordCredentials = /(^|[\s"'(<=,;[])([\w.%~+-]{1,256}):[^\s/?#"'<>]{1,256}@(?=[^\s@/])/g;

/** Query parameters some APIs take credentials in (Gemini's `?key=`, SAS `sig=`). */
const credentialQueryParameters = /([?&](?:key|api[_-]?key|access[_-]?token|token|password|secret|sig)=)[^&#\s"'<>]*/gi;

/** Hides passwords and credential query parameters in URLs that appear anywhere inside `text`. */
export function redactSecretsInText(text: string): string {
  return text
    .replace(schemeCredentials, `$1:${hiddenPassword}@`)
    .replace(barewordCredentials, `$1$2:${hiddenPassword}@`)
    .replace(credentialQueryParameters, `$1${hiddenPassword}`);
}

/** Replaces a URL's password with `***`, keeping the username so you can tell which account was used. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactSecretsInText(url);
  }
  if (parsed.password === '') return redactSecretsInText(url);
  parsed.password = hiddenPassword;
  return redactSecretsInText(parsed.href);
}

/**
 * A deep copy of `fields` safe to write out: credential-named keys are masked, URLs and free text
 * lose their passwords, errors shrink to name and message, and cycles become `'[circular]'`.
 */
export function redactFields(fields: LogFields): LogFields {
  return copyEntries(Object.entries(fields), new Set([fields]));
}

function copyValue(value: unknown, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return redactSecretsInText(value);
  if (typeof value !== 'object' || value === null) return value;
  // Stacks and causes can carry request bodies and headers; name and message are what a log needs.
  if (value instanceof Error) return { name: value.name, message: redactSecretsInText(value.message) };
  if (value instanceof URL) return redactUrl(value.href);
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  // Tracking only the current branch lets the same object appear twice side by side without being called circular.
  if (ancestors.has(value)) return circular;
  ancestors.add(value);
  try {
    if (Array.isArray(value) || value instanceof Set) return Array.from(value, (item) => copyValue(item, ancestors));
    return copyEntries(entriesOf(value), ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function copyEntries(
  entries: ReadonlyArray<readonly [string, unknown]>,
  ancestors: Set<object>,
): Record<string, unknown> {
  // fromEntries defines properties, so a `__proto__` key stays data instead of changing the prototype.
  return Object.fromEntries(
    entries.map(([key, item]) => [key, isSensitiveKey(key) ? mask(item) : copyValue(item, ancestors)]),
  );
}

/** Keeps the shape of a credential (which cookies, how many headers) but none of its content. */
function mask(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value) || value instanceof Set) return Array.from(value, () => redacted);
  if (isRecordLike(value)) return Object.fromEntries(entriesOf(value).map(([key]) => [key, redacted]));
  return redacted;
}

function isRecordLike(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Map || value instanceof Headers) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function entriesOf(value: object): Array<readonly [string, unknown]> {
  if (value instanceof Map || value instanceof Headers) {
    return Array.from(value.entries(), ([key, item]: [unknown, unknown]) => [String(key), item] as const);
  }
  return Object.entries(value);
}
