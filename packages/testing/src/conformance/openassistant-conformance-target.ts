import { randomUUID } from 'node:crypto';
import type { ScriptedReply } from '../openassistant/openassistant-script.js';
import {
  openAssistantSessionCookieName,
  startOpenAssistantServer,
} from '../openassistant/start-openassistant-server.js';
import type { ConformanceFault, ConformanceTarget } from './conformance-subject.js';

function replyFor(fault: Exclude<ConformanceFault, { kind: 'status' }>): ScriptedReply {
  switch (fault.kind) {
    case 'upstream-error':
      return { tokens: fault.tokensBefore, end: { kind: 'error', error: fault.message } };
    case 'drop-mid-stream':
      return { tokens: fault.tokensBefore, end: { kind: 'drop' } };
    case 'malformed':
      return { tokens: fault.tokensBefore, end: { kind: 'malformed' } };
    case 'stall-before-first-token':
      return { end: { kind: 'pending-forever' } };
    case 'stall-mid-stream':
      return { tokens: fault.tokensBefore, end: { kind: 'stall' } };
  }
}

/** The Open Assistant emulator as the conformance suite drives it. */
export async function startOpenAssistantTarget(): Promise<ConformanceTarget> {
  const secret = `oa-session-${randomUUID()}`;
  const server = await startOpenAssistantServer({ sessionToken: secret, pendingIntervalMs: 20 });
  return {
    baseUrl: server.url,
    credentials: { cookies: { [openAssistantSessionCookieName]: secret } },
    secret,
    answerNext(answer) {
      server.enqueueReply({
        tokens: answer.tokens,
        holdAfterToken: answer.holdAfterFirst === undefined ? undefined : { index: 0, until: answer.holdAfterFirst },
      });
    },
    failNext(fault) {
      // A status answers the call's first request, creating the chat; anything else is the stream's.
      if (fault.kind === 'status') {
        const route = fault.step === 'later' ? 'assistant_message' : 'create_chat';
        server.failNext(route, { status: fault.status, headers: fault.headers });
      } else server.enqueueReply(replyFor(fault));
    },
    requestedModels: () =>
      server.requests
        .filter((request) => request.path === '/api/chat/assistant_message')
        .map((request) => String((request.json as { model_config_name?: unknown } | undefined)?.model_config_name)),
    requests: () => server.requests.map((request) => ({ path: request.path, headers: request.headers })),
    leftovers() {
      const found: string[] = [];
      const chats = server.liveChats().length;
      if (chats > 0) found.push(`${chats} live chat(s)`);
      const streams = server.openStreams();
      if (streams > 0) found.push(`${streams} open event stream(s)`);
      return found;
    },
    close: () => server.close(),
  };
}
