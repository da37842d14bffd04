// The Open Assistant emulator in a process of its own, so the benchmark's client measurements
// do not share an event loop with the server that feeds them.
import { startOpenAssistantServer } from '@switchyard/testing';

const server = await startOpenAssistantServer({ pendingIntervalMs: 1, rateLimit: false });

// One token list per length, so the emulator renders each stream once and replays it.
const tokenLists = new Map();

process.on('message', async (message) => {
  if (message.type === 'reply') {
    let tokens = tokenLists.get(message.count);
    if (tokens === undefined) {
      tokens = Array.from({ length: message.count }, (_, index) => ` w${index % 1000}`);
      tokenLists.set(message.count, tokens);
    }
    server.enqueueReply({ tokens, pendingEvents: 1 });
    process.send({ type: 'queued' });
  } else if (message.type === 'stats') {
    process.send({
      type: 'stats',
      connectionsAccepted: server.connectionsAccepted(),
      liveChats: server.liveChats().length,
      requests: server.requests.length,
    });
  }
});
process.on('disconnect', async () => {
  await server.close();
  process.exit(0);
});
process.send({ type: 'ready', url: server.url, sessionToken: server.sessionToken });
