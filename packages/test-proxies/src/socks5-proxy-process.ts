// Runs as its own process: a real SOCKS5 proxy (RFC 1928, CONNECT only, optional RFC 1929
// username/password) on 127.0.0.1. Small on purpose: tests need a real hop, not every feature.
import { connect, createServer, type Socket } from 'node:net';
import type { ProxyProcessMessage } from './proxy-process-message.js';

const send = (message: ProxyProcessMessage): void => {
  process.send?.(message);
};

const credentials = process.env.SWITCHYARD_PROXY_CREDENTIALS;
const [expectedUser, expectedPassword] = credentials ? credentials.split(':') : [];

/** Reads exactly `size` bytes, keeping any surplus for the next read. */
function createReader(socket: Socket) {
  let buffered = Buffer.alloc(0);
  let waiting: { size: number; resolve: (bytes: Buffer) => void } | undefined;
  const settle = (): void => {
    if (waiting === undefined || buffered.length < waiting.size) return;
    const { size, resolve } = waiting;
    waiting = undefined;
    const bytes = buffered.subarray(0, size);
    buffered = buffered.subarray(size);
    resolve(bytes);
  };
  const onData = (chunk: Buffer): void => {
    buffered = Buffer.concat([buffered, chunk]);
    settle();
  };
  socket.on('data', onData);
  return {
    read(size: number): Promise<Buffer> {
      return new Promise((resolve) => {
        waiting = { size, resolve };
        settle();
      });
    },
    /** Stops reading and hands back what arrived beyond the handshake. */
    release(): Buffer {
      socket.off('data', onData);
      return buffered;
    },
  };
}

async function handshake(client: Socket): Promise<void> {
  const reader = createReader(client);
  const [version, methodCount] = await reader.read(2);
  if (version !== 5) throw new Error('not SOCKS5');
  const methods = [...(await reader.read(methodCount ?? 0))];
  const method = expectedUser === undefined ? 0x00 : 0x02;
  if (!methods.includes(method)) {
    client.end(Buffer.from([5, 0xff]));
    return;
  }
  client.write(Buffer.from([5, method]));
  let authorized = true;
  if (method === 0x02) {
    const [, userLength] = await reader.read(2);
    const user = (await reader.read(userLength ?? 0)).toString();
    const [passwordLength] = await reader.read(1);
    const password = (await reader.read(passwordLength ?? 0)).toString();
    authorized = user === expectedUser && password === expectedPassword;
    client.write(Buffer.from([1, authorized ? 0 : 1]));
  }
  const [, command, , addressType] = await reader.read(4);
  let host: string;
  if (addressType === 1) host = [...(await reader.read(4))].join('.');
  else if (addressType === 3) host = (await reader.read((await reader.read(1))[0] ?? 0)).toString();
  else host = ((await reader.read(16)).toString('hex').match(/.{4}/g) ?? []).join(':');
  const port = (await reader.read(2)).readUInt16BE(0);
  send({ type: 'tunnel', target: `${host}:${port}`, authorized });
  if (!authorized) {
    client.end();
    return;
  }
  if (command !== 1) {
    client.end(Buffer.from([5, 7, 0, 1, 0, 0, 0, 0, 0, 0]));
    return;
  }
  const upstream = connect(port, host);
  upstream.once('connect', () => {
    client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
    const early = reader.release();
    if (early.length > 0) upstream.write(early);
    client.pipe(upstream).pipe(client);
  });
  upstream.once('error', () => client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0])));
  client.once('close', () => upstream.destroy());
  upstream.once('close', () => client.destroy());
}

const server = createServer((client) => {
  client.on('error', () => client.destroy());
  handshake(client).catch(() => client.destroy());
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') send({ type: 'listening', port: address.port });
});
process.on('disconnect', () => process.exit(0));
