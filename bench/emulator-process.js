// An emulator in a process of its own, so the benchmark's client measurements do not share an
// event loop with the server that feeds them. argv[2] picks the protocol.
import { startOpenAICompatibleServer, startOpenAssistantServer } from '@switchyard/testing';

const protocol = process.argv[2];
const server =
  protocol === 'openai'
    ? await startOpenAICompatibleServer({ apiKey: 'sk-bench', models: ['bench-model'] })
    : await startOpenAssistantServer({ pendingIntervalMs: 1, rateLimit: false });

// One token list per length, so the emulator renders each stream once and replays it.
const tokenLists = new Map();

process.on('message', (message) => {
  if (message.type === 'reply') {
    let tokens = tokenLists.get(message.count);
    if (tokens === undefined) {
      tokens = Array.from({ length: message.count }, (_, index) => ` w${index % 1000}`);
      tokenLists.set(message.count, tokens);
    }
    for (let queued = 0; queued < (message.times ?? 1); queued++) {
      server.enqueueReply({ tokens, pendingEvents: 1, tokenDelayMs: message.tokenDelayMs ?? 0 });
    }
    process.send({ type: 'done' });
  } else if (message.type === 'fail') {
    server.failNext(message.route, { status: message.status, times: message.times });
    process.send({ type: 'done' });
  } else if (message.type === 'stats') {
    process.send({
      type: 'stats',
      connectionsAccepted: server.connectionsAccepted(),
      liveChats: protocol === 'openai' ? 0 : server.liveChats().length,
      requests: server.requests.length,
    });
  }
});
process.on('disconnect', async () => {
  await server.close();
  process.exit(0);
});
process.send({ type: 'ready', url: server.url, sessionToken: protocol === 'openai' ? undefined : server.sessionToken });
