// Runs as its own process: a real HTTP proxy (CONNECT and plain forwarding) on 127.0.0.1.
import { createServer, type IncomingMessage } from 'node:http';
import { createProxy } from 'proxy';
import type { ProxyProcessMessage } from './proxy-process-message.js';

const send = (message: ProxyProcessMessage): void => {
  process.send?.(message);
};

const credentials = process.env.SWITCHYARD_PROXY_CREDENTIALS;
const expected = credentials ? `Basic ${Buffer.from(credentials).toString('base64')}` : undefined;

const server = createProxy(createServer());
server.authenticate = (request: IncomingMessage) => {
  const authorized = expected === undefined || request.headers['proxy-authorization'] === expected;
  send({ type: 'tunnel', target: request.url ?? '', authorized });
  return authorized;
};
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') send({ type: 'listening', port: address.port });
});
process.on('disconnect', () => process.exit(0));
