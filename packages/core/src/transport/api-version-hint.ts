/**
 * For a 404 from a server whose API lives under a version (`/v1`): when the base URL ends in no
 * version segment, the likeliest cause is that it was left off (`http://127.0.0.1:11434` for
 * Ollama's `http://127.0.0.1:11434/v1`). Undefined when the base URL already ends in one.
 */
export function missingApiVersionHint(baseUrl: string, version = 'v1'): string | undefined {
  let path: string;
  try {
    path = new URL(baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
  if (/\/v\d+[a-z0-9]*$/i.test(path)) return undefined;
  return `The base URL ends without an API version: did you mean ${baseUrl.replace(/\/+$/, '')}/${version}?`;
}
