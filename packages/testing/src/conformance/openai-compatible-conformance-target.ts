import { randomUUID } from 'node:crypto';
import type { OpenAIScriptedReply } from '../openai/openai-script.js';
import { openAIErrorForStatus } from '../openai/openai-status-error.js';
import { startOpenAICompatibleServer } from '../openai/start-openai-compatible-server.js';
import type { ConformanceFault, ConformanceTarget } from './conformance-subject.js';
import { emulatorTargetParts } from './emulator-target-parts.js';

function replyFor(fault: Exclude<ConformanceFault, { kind: 'status' | 'stall-before-headers' }>): OpenAIScriptedReply {
  switch (fault.kind) {
    case 'upstream-error':
      return { tokens: fault.tokensBefore, end: { kind: 'error', message: fault.message } };
    case 'drop-mid-stream':
      return { tokens: fault.tokensBefore, end: { kind: 'drop' } };
    case 'malformed':
      return { tokens: fault.tokensBefore, end: { kind: 'malformed' } };
    case 'stall-before-first-token':
      // The role chunk still goes out, as a server that accepted the request and never generates.
      return { tokens: [], end: { kind: 'stall' } };
    case 'stall-mid-stream':
      return { tokens: fault.tokensBefore, end: { kind: 'stall' } };
  }
}

/** The OpenAI-compatible emulator as the conformance suite drives it. */
export async function startOpenAICompatibleTarget(): Promise<ConformanceTarget> {
  const secret = `sk-conformance-${randomUUID()}`;
  const server = await startOpenAICompatibleServer({ apiKey: secret });
  const { openStreamLeftovers, ...parts } = emulatorTargetParts(server, {
    path: '/v1/chat/completions',
    modelField: 'model',
  });
  return {
    ...parts,
    baseUrl: server.url,
    credentials: { apiKey: secret },
    secret,
    // One request per call: the completion request is the first and the last.
    hasLaterSteps: false,
    failNext(fault) {
      if (fault.kind === 'status') {
        if (fault.step === 'later') {
          throw new Error('the OpenAI-compatible protocol makes one request per call: there is no later step to fail');
        }
        // A status answers the completion request itself, with the error body OpenAI would send.
        server.failNext('chat_completions', {
          status: fault.status,
          headers: { 'content-type': 'application/json', ...fault.headers },
          body: JSON.stringify(openAIErrorForStatus(fault.status)),
        });
      } else if (fault.kind === 'stall-before-headers') {
        server.failNext('chat_completions', { stall: true });
      } else {
        server.enqueueReply(replyFor(fault));
      }
    },
    leftovers: () => openStreamLeftovers(),
  };
}
