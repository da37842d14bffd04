import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { type RunningProxy, startProxyProcess } from '@switchyard/test-proxies';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError } from '../errors/aborted-error.js';
import { ProxyAuthError } from '../errors/proxy-auth-error.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { createConsoleLogger } from '../logging/console-logger.js';
import { describeWithCauses } from '../test-support/describe-with-causes.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import { sendRequest } from './send-request.js';
import { defaultTimeouts } from './timeouts.js';

const secret = 's3cret-proxy-pass';
let origin: TestServer | undefined;
let proxy: RunningProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  await origin?.close();
  proxy = undefined;
  origin = undefined;
});

describe.each(['http', 'socks5'] as const)('requests through a real %s proxy process', (kind) => {
  it('reach the origin through the proxy', async () => {
    origin = await startTestServer((_request, response) => void response.end('through the proxy'));
    proxy = await startProxyProcess(kind, { credentials: `switchyard:${secret}` });
    expect(proxy.pid).not.toBe(process.pid);
    const lines: string[] = [];
    const response = await sendRequest({
      url: new URL(`${origin.url}/hello`),
      method: 'GET',
      signal: new AbortController().signal,
      proxy: proxy.url,
      timeouts: defaultTimeouts,
      logger: createConsoleLogger({ level: 'debug', write: (line) => lines.push(line) }),
    });
    expect(await response.body.text()).toBe('through the proxy');
    expect(origin.requests.map((request) => request.url)).toEqual(['/hello']);
    expect(proxy.tunnels).toContainEqual({ target: new URL(origin.url).host, authorized: true });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('fail with a typed error that never shows the proxy password', async () => {
    origin = await startTestServer((_request, response) => void response.end('unreachable'));
    proxy = await startProxyProcess(kind, { credentials: `switchyard:${secret}` });
    const wrong = proxy.url.replace(secret, `${secret}-wrong`);
    const lines: string[] = [];
    const error = await sendRequest({
      url: new URL(origin.url),
      method: 'GET',
      signal: new AbortController().signal,
      proxy: wrong,
      timeouts: defaultTimeouts,
      provider: 'Test',
      logger: createConsoleLogger({ level: 'debug', write: (line) => lines.push(line) }),
    }).catch((caught: unknown) => caught);
    expect(ProxyAuthError.isInstance(error)).toBe(true);
    expect(describeWithCauses(error)).not.toContain(secret);
    expect(lines.join('\n')).not.toContain(secret);
    expect(origin.requests).toHaveLength(0);
  });
});

describe.each(['http', 'socks5'] as const)('a %s proxy that accepts and never answers', (kind) => {
  it('does not outlast the abort, and a connect timeout bounds the CONNECT', async () => {
    const silent = createServer((socket) => {
      sockets.push(socket);
    });
    const sockets: Socket[] = [];
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const address = silent.address();
    if (address === null || typeof address !== 'object') throw new Error('no port');
    const proxyUrl = `${kind}://127.0.0.1:${address.port}`;
    try {
      const controller = new AbortController();
      const reason = new AbortedError({ provider: 'Test' });
      setTimeout(() => controller.abort(reason), 50);
      const aborted = await sendRequest({
        url: new URL('http://127.0.0.1:9/'),
        method: 'GET',
        signal: controller.signal,
        proxy: proxyUrl,
        timeouts: { ...defaultTimeouts, connectMs: 60_000 },
      }).catch((caught: unknown) => caught);
      expect(aborted).toBe(reason);
      // undici bounds a silent SOCKS handshake by its own 5 s, not by connectMs.
      if (kind === 'socks5') return;

      const bounded = await sendRequest({
        url: new URL('http://127.0.0.1:9/'),
        method: 'GET',
        signal: new AbortController().signal,
        proxy: proxyUrl,
        timeouts: { ...defaultTimeouts, connectMs: 100 },
        provider: 'Test',
      }).catch((caught: unknown) => caught);
      expect(SwitchyardError.isInstance(bounded)).toBe(true);
      expect((bounded as SwitchyardError).retryable).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
