import { findExecutable } from './find-executable.js';
import { findNssWrapper } from './private-user-database.js';

/** Debian's proxies, run as they ship: `tinyproxy` (HTTP) and dante's `danted` (SOCKS5). */
export type ThirdPartyProxyKind = 'tinyproxy' | 'dante';

export interface RunningThirdPartyProxy {
  /** The URL to hand to a client, with the credentials in it when the proxy demands them. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops it (and every process it forked) and removes its config. */
  close(): Promise<void>;
}

export interface StartThirdPartyProxyOptions {
  /** `user:password` the proxy demands; none by default. */
  readonly credentials?: string | undefined;
}

/**
 * Why this machine cannot run that proxy (what to install), or undefined when it can. Tests
 * skip on it locally; `.ci/run` installs all of it, so CI never skips.
 */
export function missingThirdPartyProxy(
  kind: ThirdPartyProxyKind,
  options: { readonly credentials?: boolean } = {},
): string | undefined {
  if (kind === 'tinyproxy') {
    return findExecutable('tinyproxy') === undefined
      ? 'tinyproxy is not installed (apt-get install tinyproxy)'
      : undefined;
  }
  if (findExecutable('danted') === undefined) return 'danted is not installed (apt-get install dante-server)';
  if (options.credentials === true && findNssWrapper() === undefined) {
    return 'libnss_wrapper.so is not installed (apt-get install libnss-wrapper); it gives danted its test user';
  }
  return undefined;
}

/**
 * For a test that needs the proxy: returns when it can run; otherwise skips it with what to
 * install, except under CI, where a missing proxy is a failure (`.ci/run` installs them).
 */
export function requireThirdPartyProxy(
  kind: ThirdPartyProxyKind,
  options: { readonly credentials?: boolean },
  skip: (note: string) => void,
): void {
  const missing = missingThirdPartyProxy(kind, options);
  if (missing === undefined) return;
  if (process.env.CI === 'true') throw new Error(`${missing}. .ci/run installs it: under CI this test never skips.`);
  skip(`${missing}; skipped here, run under CI`);
}
