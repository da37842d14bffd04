// One HTTP stack serving the gateway's load shape, in a process of its own: a JSON POST in, then
// an SSE stream of chat.completion.chunk events, one write per chunk, waiting on backpressure.
// argv[2]: node-http | hono | fastify. Reports its URL, and its RSS when asked, over IPC.
import { createServer } from 'node:http';

const stack = process.argv[2];
const chunkOf = (index) =>
  `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":0,"model":"Bench/bench-model","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":" w${index % 1000}"},"logprobs":null,"finish_reason":null}]}\n\n`;
const chunks = Array.from({ length: 1000 }, (_, index) => chunkOf(index));
const sseHeaders = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Writes `count` chunks to a Node writable, one write each, yielding to the loop as a provider's reads would. */
async function writeChunks(write, count) {
  for (let index = 0; index < count; index++) {
    if (!write(chunks[index % chunks.length])) await tick();
    if (index % 16 === 15) await tick();
  }
}

async function readJson(request) {
  let body = '';
  for await (const chunk of request) body += chunk;
  return JSON.parse(body);
}

async function startNodeHttp() {
  const server = createServer(async (request, response) => {
    const { count } = await readJson(request);
    response.writeHead(200, sseHeaders);
    await writeChunks((text) => response.write(text), count);
    response.end('data: [DONE]\n\n');
  });
  await new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  return server.address().port;
}

async function startHono() {
  const { Hono } = await import('hono');
  const { stream } = await import('hono/streaming');
  const { serve } = await import('@hono/node-server');
  const app = new Hono();
  app.post('/v1/chat/completions', async (context) => {
    const { count } = await context.req.json();
    for (const [name, value] of Object.entries(sseHeaders)) context.header(name, value);
    return stream(context, async (sse) => {
      for (let index = 0; index < count; index++) {
        await sse.write(chunks[index % chunks.length]);
        if (index % 16 === 15) await tick();
      }
      await sse.write('data: [DONE]\n\n');
    });
  });
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
}

async function startFastify() {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.post('/v1/chat/completions', async (request, reply) => {
    const { count } = request.body;
    // SSE in fastify means taking over the raw response; fastify's part is routing and the body.
    reply.hijack();
    reply.raw.writeHead(200, sseHeaders);
    await writeChunks((text) => reply.raw.write(text), count);
    reply.raw.end('data: [DONE]\n\n');
  });
  await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  return app.server.address().port;
}

const starters = { 'node-http': startNodeHttp, hono: startHono, fastify: startFastify };
const port = await starters[stack]();
process.on('message', (message) => {
  if (message.type === 'rss') {
    globalThis.gc?.();
    process.send({ type: 'rss', rss: process.memoryUsage().rss });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready', url: `http://127.0.0.1:${port}` });
