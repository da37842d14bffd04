import { fork } from 'node:child_process';
import { once } from 'node:events';

/** Starts an emulator process and gives a typed-enough handle to script it over IPC. */
export async function startEmulatorChild(script) {
  const child = fork(new URL(script, import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = await once(child, 'message');
  const ask = async (request, answerType) => {
    const answer = once(child, 'message');
    child.send(request);
    const [reply] = await answer;
    if (reply.type !== answerType) throw new Error(`expected ${answerType}, got ${reply.type}`);
    return reply;
  };
  return {
    url: ready.url,
    sessionToken: ready.sessionToken,
    queueReply: (count) => ask({ type: 'reply', count }, 'queued'),
    stats: () => ask({ type: 'stats' }, 'stats'),
    async stop() {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}
