import { join } from 'node:path';
import { findExecutable } from './find-executable.js';
import { type PrivateUserDatabase, privateUserDatabase } from './private-user-database.js';
import { parseProxyCredentials, proxyUrlWithCredentials } from './proxy-credentials.js';
import { startDaemon } from './start-daemon.js';
import type { RunningThirdPartyProxy, StartThirdPartyProxyOptions } from './third-party-proxy.js';

/**
 * Debian's dante (`danted`), a SOCKS5 proxy, in the foreground on 127.0.0.1. With credentials it
 * demands RFC 1929 username/password auth, which dante checks against the system's users: the
 * user lives in a private user database (nss_wrapper), not on the machine.
 */
export async function startDante(options: StartThirdPartyProxyOptions = {}): Promise<RunningThirdPartyProxy> {
  const credentials = parseProxyCredentials(options.credentials);
  const executable = findExecutable('danted');
  if (executable === undefined) throw new Error('danted is not installed (apt-get install dante-server)');
  const users: PrivateUserDatabase | undefined =
    credentials === undefined ? undefined : await privateUserDatabase(credentials);
  // As root dante must be told whom to run as; as anyone else it runs as that user.
  const asRoot = (process.getuid?.() ?? 0) === 0;
  const daemon = await startDaemon({
    name: 'danted',
    executable,
    files: (port) => ({
      ...users?.files,
      'danted.conf': [
        'logoutput: stderr',
        `internal: 127.0.0.1 port = ${port}`,
        'external: 127.0.0.1',
        'clientmethod: none',
        `socksmethod: ${credentials === undefined ? 'none' : 'username'}`,
        ...(asRoot ? ['user.privileged: root', 'user.unprivileged: nobody'] : []),
        'client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }',
        'socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 command: connect }',
        '',
      ].join('\n'),
    }),
    // -p: the pid file goes into the temp directory, not /var/run where parallel runs would clash.
    args: (directory) => ['-f', join(directory, 'danted.conf'), '-p', join(directory, 'danted.pid')],
    env: users === undefined ? undefined : (directory) => users.env(directory),
    ready: /\brunning\b/,
    portTaken: /Address already in use/,
  });
  return {
    url: proxyUrlWithCredentials('socks5', daemon.port, credentials),
    port: daemon.port,
    pid: daemon.pid,
    close: () => daemon.close(),
  };
}
