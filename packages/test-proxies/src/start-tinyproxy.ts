import { join } from 'node:path';
import { findExecutable } from './find-executable.js';
import { parseProxyCredentials, proxyUrlWithCredentials } from './proxy-credentials.js';
import { startDaemon } from './start-daemon.js';
import type { RunningThirdPartyProxy, StartThirdPartyProxyOptions } from './third-party-proxy.js';

/**
 * Debian's tinyproxy, an HTTP proxy (CONNECT and forwarding), in the foreground on 127.0.0.1.
 * With credentials it demands Basic auth, and answers a wrong password with 401 (a CONNECT
 * without any credentials gets 407).
 */
export async function startTinyproxy(options: StartThirdPartyProxyOptions = {}): Promise<RunningThirdPartyProxy> {
  const credentials = parseProxyCredentials(options.credentials);
  const executable = findExecutable('tinyproxy');
  if (executable === undefined) throw new Error('tinyproxy is not installed (apt-get install tinyproxy)');
  const daemon = await startDaemon({
    name: 'tinyproxy',
    executable,
    files: (port) => ({
      'tinyproxy.conf': [
        `Port ${port}`,
        'Listen 127.0.0.1',
        'Allow 127.0.0.1',
        'Timeout 60',
        'MaxClients 64',
        // Its "Accepting connections" line, the sign it listens, is logged at Info.
        'LogLevel Info',
        ...(credentials === undefined ? [] : [`BasicAuth ${credentials.user} ${credentials.password}`]),
        '',
      ].join('\n'),
    }),
    args: (directory) => ['-d', '-c', join(directory, 'tinyproxy.conf')],
    ready: /Accepting connections/,
    portTaken: /Could not create listening sockets|Address already in use/,
  });
  return {
    url: proxyUrlWithCredentials('http', daemon.port, credentials),
    port: daemon.port,
    pid: daemon.pid,
    close: () => daemon.close(),
  };
}
