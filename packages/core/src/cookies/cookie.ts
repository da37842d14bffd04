/**
 * One cookie as the store keeps it, whatever file format it came from. The fields are the subset of
 * RFC 6265's cookie record that decides whether a cookie goes out with a request; attributes that only
 * matter to a browser's script sandbox (HttpOnly, SameSite) are dropped on load.
 */
export interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /** Lower-case, without a leading dot, so matching is a plain equality or suffix test. */
  readonly domain: string;
  /** True when the cookie belongs to `domain` exactly; false when subdomains receive it too. */
  readonly hostOnly: boolean;
  readonly path: string;
  /** Only sent over a secure channel (https, or a loopback host). */
  readonly secure: boolean;
  /** Milliseconds since the epoch; `undefined` for a session cookie, which never expires here. */
  readonly expiresAt: number | undefined;
}
