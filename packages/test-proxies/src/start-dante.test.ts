import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDante } from './start-dante.js';
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

/** A SOCKS5 client's side of the handshake (RFC 1928, RFC 1929), one exchange at a time. */
async function socksClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let buffered = Buffer.alloc(0);
  let wanted: { size: number; resolve: (bytes: Buffer) => void } | undefined;
  const settle = (): void => {
    if (wanted === undefined || buffered.length < wanted.size) return;
    const { size, resolve } = wanted;
    wanted = undefined;
    resolve(buffered.subarray(0, size));
    buffered = buffered.subarray(size);
  };
  const onData = (chunk: Buffer): void => {
    buffered = Buffer.concat([buffered, chunk]);
    settle();
  };
  socket.on('data', onData);
  const exchange = (bytes: number[] | Buffer, answerSize: number): Promise<number[]> => {
    socket.write(Buffer.from(bytes));
    return new Promise<Buffer>((resolve, reject) => {
      wanted = { size: answerSize, resolve };
      socket.once('close', () => reject(new Error('the proxy closed the connection')));
      settle();
    }).then((answer) => [...answer]);
  };
  return {
    socket,
    greet: (methods: number[]) => exchange([5, methods.length, ...methods], 2),
    authenticate: (user: string, password: string) =>
      exchange(
        Buffer.concat([
          Buffer.from([1, user.length]),
          Buffer.from(user),
          Buffer.from([password.length]),
          Buffer.from(password),
        ]),
        2,
      ),
    /** CONNECT to 127.0.0.1:port; resolves with the reply code (0: succeeded). */
    async open(targetPort: number): Promise<{ reply: number; tunnel: Socket }> {
      const answer = await exchange([5, 1, 0, 1, 127, 0, 0, 1, targetPort >> 8, targetPort & 0xff], 10);
      socket.off('data', onData);
      return { reply: answer[1] ?? -1, tunnel: socket };
    },
  };
}

const portOf = (host: string): number => Number(host.split(':')[1]);

describe('startDante', () => {
  it('runs Debian dante as a SOCKS5 proxy and leaves none of its processes behind', async (context) => {
    requireThirdPartyProxy('dante', {}, (note) => context.skip(note));
    origin = await startOriginServer();
    proxy = await startDante();
    expect(proxy.url).toBe(`socks5://127.0.0.1:${proxy.port}`);
    const client = await socksClient(proxy.port);
    expect(await client.greet([0])).toEqual([5, 0]);
    const { reply, tunnel } = await client.open(portOf(origin.host));
    expect(reply).toBe(0);
    expect(await getThroughTunnel(tunnel, origin.host)).toBe('origin says hi');

    const { port, pid } = proxy;
    await proxy.close();
    expect(await isRefused(port)).toBe(true);
    expect(await liveProcessesInGroup(pid)).toEqual([]);
  });

  it('demands the username and password it was given, from a user of its own', async (context) => {
    requireThirdPartyProxy('dante', { credentials: true }, (note) => context.skip(note));
    origin = await startOriginServer();
    proxy = await startDante({ credentials: 'switchyard:d4nte-pass' });
    expect(proxy.url).toBe(`socks5://switchyard:d4nte-pass@127.0.0.1:${proxy.port}`);

    const anonymous = await socksClient(proxy.port);
    expect(await anonymous.greet([0])).toEqual([5, 0xff]);
    anonymous.socket.destroy();

    const wrong = await socksClient(proxy.port);
    expect(await wrong.greet([0, 2])).toEqual([5, 2]);
    const [version, status] = await wrong.authenticate('switchyard', 'wrong');
    expect(version).toBe(1);
    expect(status).not.toBe(0);
    wrong.socket.destroy();

    const right = await socksClient(proxy.port);
    expect(await right.greet([0, 2])).toEqual([5, 2]);
    expect(await right.authenticate('switchyard', 'd4nte-pass')).toEqual([1, 0]);
    const { reply, tunnel } = await right.open(portOf(origin.host));
    expect(reply).toBe(0);
    expect(await getThroughTunnel(tunnel, origin.host)).toBe('origin says hi');
  });
});
