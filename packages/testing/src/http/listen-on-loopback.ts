import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ListeningServer {
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far: how well clients reuse keep-alive sockets. */
  connectionsAccepted(): number;
  /** Stops accepting, destroys open connections (streams included) and waits for the close. */
  close(): Promise<void>;
}

/**
 * Listens on a loopback address (127.0.0.1 unless told) and a free port, tracking sockets so
 * `close` never waits on keep-alive.
 */
export async function listenOnLoopback(server: Server, port = 0, host = '127.0.0.1'): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the server did not get a TCP port');
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    connectionsAccepted: () => accepted,
    async close() {
      if (!server.listening) return;
      const closed = once(server, 'close');
      server.close();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
