import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './start-test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Sends one request on a raw socket and returns the socket once the response has begun. */
async function openRequest(url: string) {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => {
    // The reset below is the point of the test; the client side's errors are not.
  });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  return socket;
}

describe('startTestServer', () => {
  it('reports the client close even when the server side sees ECONNRESET first', async () => {
    const serverErrors: string[] = [];
    server = await startTestServer(async (request, response) => {
      request.socket.on('error', (error: NodeJS.ErrnoException) => serverErrors.push(error.code ?? error.message));
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      while (!response.destroyed) {
        response.write('data: {"event_type": "pending"}\r\n\r\n');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    const socket = await openRequest(server.url);
    // An RST, as undici sends when it destroys a socket with unread data in its buffer.
    socket.resetAndDestroy();
    await expect(server.clientClosed(0)).resolves.toBeUndefined();
    expect(serverErrors).toContain('ECONNRESET');
  });

  it('keeps one close listener per connection, however many requests it carries', async () => {
    const listeners: number[] = [];
    server = await startTestServer((request, response) => {
      listeners.push(request.socket.listenerCount('close') + request.socket.listenerCount('error'));
      response.end('ok');
    });
    const agentless = await openRequest(server.url);
    for (let i = 1; i < 15; i++) {
      agentless.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await new Promise<void>((resolve) => agentless.once('data', () => resolve()));
    }
    expect(server.requests).toHaveLength(15);
    expect(new Set(server.requests.map((request) => request.remotePort)).size).toBe(1);
    // Fifteen requests on one socket: a listener per request would warn past ten (MaxListeners).
    expect(new Set(listeners).size).toBe(1);
    agentless.end();
    await expect(server.clientClosed(14)).resolves.toBeUndefined();
    await expect(server.clientClosed(0)).resolves.toBeUndefined();
  });
});
