import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A port on 127.0.0.1 that nothing listens on right now: a client is refused there, and a daemon
 * that can only be told its port in a config file can be started on it (retrying if another
 * process takes it first).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address !== 'object') throw new Error('the probe server got no port');
  return address.port;
}
