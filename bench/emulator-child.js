import { fork } from 'node:child_process';
import { once } from 'node:events';

/** Starts an emulator process ('openassistant' or 'openai') and scripts it over IPC. */
export async function startEmulatorChild(protocol) {
  const child = fork(new URL('./emulator-process.js', import.meta.url), [protocol], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
    queueReply: (count, options = {}) => ask({ type: 'reply', count, ...options }, 'done'),
    failNext: (route, status, times = 1) => ask({ type: 'fail', route, status, times }, 'done'),
    stats: () => ask({ type: 'stats' }, 'stats'),
    async stop() {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}
