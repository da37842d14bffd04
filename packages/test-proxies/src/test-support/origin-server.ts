import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface OriginServer {
  /** `127.0.0.1:port`, as a proxy is asked for it. */
  readonly host: string;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that answers every request with `origin says hi`. */
export async function startOriginServer(): Promise<OriginServer> {
  const sockets = new Set<Socket>();
  const server = createServer((_request, response) => void response.end('origin says hi'));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the origin server has no port');
  return {
    host: `127.0.0.1:${address.port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Sends `GET /` over an open tunnel and resolves with the response body. */
export async function getThroughTunnel(socket: Socket, host: string): Promise<string> {
  const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    const outgoing = request({ headers: { host }, path: '/', createConnection: () => socket }, resolve);
    outgoing.once('error', reject);
    outgoing.end();
  });
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  socket.destroy();
  return Buffer.concat(chunks).toString('utf8');
}

/** True when nothing accepts connections on that port of 127.0.0.1 any more. */
export async function isRefused(port: number): Promise<boolean> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    return false;
  } catch {
    return true;
  } finally {
    socket.destroy();
  }
}

/**
 * The processes of that process group still running (Linux's /proc). A zombie is not counted:
 * it has exited, and a child whose parent exited first waits for init to reap it.
 */
export async function liveProcessesInGroup(groupId: number): Promise<number[]> {
  const live: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // After the command name in parentheses: state, parent pid, process group.
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === groupId && state !== 'Z') live.push(Number(entry));
  }
  return live;
}
