import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * - `fail`: every chat completion is a 500.
 * - `hold`: requests are received and answered only when `release` is called (then with `ok`).
 * - `ok`: a short streamed completion.
 */
export type UpstreamMode = 'fail' | 'hold' | 'ok';

export interface UpstreamRequest {
  /** The `x-fleet-member` header: which member of a fleet sent it. */
  readonly member: string | undefined;
}

export interface FlakyUpstream {
  /** Up to and including `/v1`. */
  readonly url: string;
  mode: UpstreamMode;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Chat completion requests received so far, in order. */
  readonly requests: readonly UpstreamRequest[];
  /** Answers every held request as `ok` would. */
  release(): void;
  close(): Promise<void>;
}

const chunk = (delta: Record<string, string>, finish: string | null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-fleet',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'fleet-model',
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`;

function answerOk(response: ServerResponse): void {
  if (response.destroyed) return;
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.end(`${chunk({ role: 'assistant', content: 'ok' }, null)}${chunk({}, 'stop')}data: [DONE]\n\n`);
}

/** One OpenAI-compatible upstream on 127.0.0.1 whose health a test switches, counting what reaches it. */
export async function startFlakyUpstream(mode: UpstreamMode): Promise<FlakyUpstream> {
  let connections = 0;
  const requests: UpstreamRequest[] = [];
  const held = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    request.resume();
    request.once('end', () => {
      if (request.url !== '/v1/chat/completions') {
        response.writeHead(404).end();
        return;
      }
      const member = request.headers['x-fleet-member'];
      requests.push({ member: typeof member === 'string' ? member : undefined });
      if (upstream.mode === 'fail') {
        response
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'the upstream is down', type: 'server_error' } }));
      } else if (upstream.mode === 'hold') {
        held.add(response);
        response.once('close', () => held.delete(response));
      } else {
        answerOk(response);
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const upstream: FlakyUpstream = {
    url: `http://127.0.0.1:${port}/v1`,
    mode,
    connections: () => connections,
    requests,
    release() {
      for (const response of held) answerOk(response);
      held.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return upstream;
}
