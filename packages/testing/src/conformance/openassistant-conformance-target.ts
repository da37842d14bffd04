import { randomUUID } from 'node:crypto';
import type { ScriptedReply } from '../openassistant/openassistant-script.js';
import {
  openAssistantSessionCookieName,
  startOpenAssistantServer,
} from '../openassistant/start-openassistant-server.js';
import type { ConformanceFault, ConformanceTarget } from './conformance-subject.js';
import { emulatorTargetParts } from './emulator-target-parts.js';

function replyFor(fault: Exclude<ConformanceFault, { kind: 'status' | 'stall-before-headers' }>): ScriptedReply {
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
  const { openStreamLeftovers, ...parts } = emulatorTargetParts(server, {
    path: '/api/chat/assistant_message',
    modelField: 'model_config_name',
  });
  return {
    ...parts,
    baseUrl: server.url,
    credentials: { cookies: { [openAssistantSessionCookieName]: secret } },
    secret,
    // Create the chat, post the prompt, ask for the answer, then stream it: four steps.
    hasLaterSteps: true,
    failNext(fault) {
      // A status answers the call's first request, creating the chat; anything else is the stream's,
      // which opens once the chat exists, so a provider that gives up must still delete it.
      if (fault.kind === 'status') {
        const route = fault.step === 'later' ? 'assistant_message' : 'create_chat';
        server.failNext(route, { status: fault.status, headers: fault.headers });
      } else if (fault.kind === 'stall-before-headers') {
        server.failNext('events', { stall: true });
      } else server.enqueueReply(replyFor(fault));
    },
    leftovers() {
      const chats = server.liveChats().length;
      return [...(chats > 0 ? [`${chats} live chat(s)`] : []), ...openStreamLeftovers()];
    },
  };
}
