import { once } from 'node:events';
import { type IncomingMessage, request } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTinyproxy } from './start-tinyproxy.js';
import {
  getThroughTunnel,
  isRefused,
  liveProcessesInGroup,
  type OriginServer,
  startOriginServer,
} from './test-support/origin-server.js';
import { type RunningThirdPartyProxy, requireThirdPartyProxy } from './third-party-proxy.js';

let origin: OriginServer | undefined;
let proxy: RunningThirdPartyProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  await origin?.close();
  proxy = undefined;
  origin = undefined;
});

/** Asks the proxy for a tunnel, as an HTTP client with a proxy does. */
async function connectThrough(
  port: number,
  host: string,
  credentials?: string,
): Promise<{ status: number | undefined; socket: Socket }> {
  const outgoing = request({
    host: '127.0.0.1',
    port,
    method: 'CONNECT',
    path: host,
    headers:
      credentials === undefined
        ? {}
        : { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` },
  });
  outgoing.end();
  const [response, socket] = (await once(outgoing, 'connect')) as [IncomingMessage, Socket];
  return { status: response.statusCode, socket };
}

describe('startTinyproxy', () => {
  it('runs Debian tinyproxy as a tunnelling proxy and leaves nothing behind', async (context) => {
    requireThirdPartyProxy('tinyproxy', {}, (note) => context.skip(note));
    origin = await startOriginServer();
    proxy = await startTinyproxy();
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    const { status, socket } = await connectThrough(proxy.port, origin.host);
    expect(status).toBe(200);
    expect(await getThroughTunnel(socket, origin.host)).toBe('origin says hi');

    const { port, pid } = proxy;
    await proxy.close();
    expect(await isRefused(port)).toBe(true);
    expect(await liveProcessesInGroup(pid)).toEqual([]);
  });

  it('demands the credentials it was given: 407 without, 401 when wrong', async (context) => {
    requireThirdPartyProxy('tinyproxy', { credentials: true }, (note) => context.skip(note));
    origin = await startOriginServer();
    proxy = await startTinyproxy({ credentials: 'switchyard:t1ny-pass' });
    expect(proxy.url).toBe(`http://switchyard:t1ny-pass@127.0.0.1:${proxy.port}`);

    const none = await connectThrough(proxy.port, origin.host);
    none.socket.destroy();
    expect(none.status).toBe(407);
    const wrong = await connectThrough(proxy.port, origin.host, 'switchyard:wrong');
    wrong.socket.destroy();
    expect(wrong.status).toBe(401);
    const right = await connectThrough(proxy.port, origin.host, 'switchyard:t1ny-pass');
    expect(right.status).toBe(200);
    expect(await getThroughTunnel(right.socket, origin.host)).toBe('origin says hi');
  });

  it('refuses credentials its config could not carry', async () => {
    await expect(startTinyproxy({ credentials: 'switchyard:two words' })).rejects.toThrow(/credentials: expected/);
  });
});
