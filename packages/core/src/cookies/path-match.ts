/**
 * RFC 6265 §5.1.4 path-match. A plain prefix test would send a `/api` cookie to `/apiary`; the
 * boundary rule requires the prefix to end at a `/`.
 */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  // A URL without a path (`https://example.com`) is a request for `/`.
  const path = requestPath.startsWith('/') ? requestPath : '/';
  if (path === cookiePath) return true;
  if (!path.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || path[cookiePath.length] === '/';
}
