import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ListeningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting, destroys open connections (streams included) and waits for the close. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 and a free port, tracking sockets so `close` never waits on keep-alive. */
export async function listenOnLoopback(server: Server, port = 0): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the server did not get a TCP port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    async close() {
      if (!server.listening) return;
      const closed = once(server, 'close');
      server.close();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
