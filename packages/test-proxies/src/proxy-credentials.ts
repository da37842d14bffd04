/** `user:password` split for a daemon's config, refused when the config syntax could not carry it. */
export interface ProxyCredentials {
  readonly user: string;
  readonly password: string;
}

/** Config files take these bare: no spaces, quotes or separators, and a user name a passwd file accepts. */
const userPattern = /^[a-z_][a-z0-9_-]{0,31}$/;
const passwordPattern = /^[\x21-\x7e]{1,128}$/;

export function parseProxyCredentials(credentials: string | undefined): ProxyCredentials | undefined {
  if (credentials === undefined || credentials === '') return undefined;
  const colon = credentials.indexOf(':');
  const user = colon === -1 ? credentials : credentials.slice(0, colon);
  const password = colon === -1 ? '' : credentials.slice(colon + 1);
  if (!userPattern.test(user)) {
    throw new TypeError(`credentials: expected a user name of lower-case letters, digits, _ and -, got "${user}"`);
  }
  if (!passwordPattern.test(password) || /["'#\\]/.test(password)) {
    throw new TypeError('credentials: expected a password of printable ASCII without spaces, quotes, # or \\');
  }
  return { user, password };
}

/** The URL a client uses, credentials percent-encoded as a URL's user info must be. */
export function proxyUrlWithCredentials(
  scheme: string,
  port: number,
  credentials: ProxyCredentials | undefined,
): string {
  const auth =
    credentials === undefined
      ? ''
      : `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@`;
  return `${scheme}://${auth}127.0.0.1:${port}`;
}
