// The floor under any Node gateway, for bench/gateway.js: a node:http server that forwards the
// body to the emulator (argv[2]) with undici and pipes the answer back byte for byte. No
// validation, no decoding, no fallback: what the extra hop itself costs on this machine.
import { createServer } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Agent, request } from 'undici';

const upstream = process.argv[2];
const agent = new Agent({ keepAliveTimeout: 10_000 });
const server = createServer(async (incoming, response) => {
  try {
    const chunks = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const answer = await request(`${upstream}/chat/completions`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body: JSON.stringify({ ...body, model: 'bench-model' }),
    });
    response.writeHead(answer.statusCode, { 'content-type': 'text/event-stream' });
    // With backpressure, as the gateway it is compared with; a client that leaves ends the upstream body.
    await pipeline(answer.body, response);
  } catch {
    response.destroy();
  }
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', url: `http://127.0.0.1:${server.address().port}` }));
process.on('disconnect', () => server.close(() => process.exit(0)));
