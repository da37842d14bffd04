import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The client's port: the same port means the same (reused) connection. */
  readonly remotePort: number | undefined;
}

export interface TestServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Resolves when the client has closed the connection of the n-th request (0-based). */
  clientClosed(index: number): Promise<void>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1 and a free port, recording what it receives. */
export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const closes: Promise<void>[] = [];
  const sockets = new Set<Socket>();
  const socketClosed = new WeakMap<Socket, Promise<void>>();
  const server = createServer(async (request, response) => {
    const closed = socketClosed.get(request.socket);
    if (closed === undefined) throw new Error('a request arrived on a socket the server never saw connect');
    closes.push(closed);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body,
      remotePort: request.socket.remotePort,
    });
    await handler(request, response, body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    // A plain listener, not events.once: that rejects when the socket emits `error` (a client's
    // reset surfaces as ECONNRESET) before `close`, and a client that went away is what tests await.
    // One promise per socket, so keep-alive requests add no listeners.
    socketClosed.set(
      socket,
      new Promise((resolve) =>
        socket.once('close', () => {
          sockets.delete(socket);
          resolve();
        }),
      ),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the test server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    clientClosed: async (index) => {
      while (closes[index] === undefined) await new Promise((resolve) => setImmediate(resolve));
      await closes[index];
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
