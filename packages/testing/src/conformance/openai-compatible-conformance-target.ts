import { randomUUID } from 'node:crypto';
import { openAIErrorForStatus } from '../openai/openai-status-error.js';
import { startOpenAICompatibleServer } from '../openai/start-openai-compatible-server.js';
import type { ConformanceTarget } from './conformance-subject.js';
import { emulatorTargetParts } from './emulator-target-parts.js';
import { faultReply } from './fault-reply.js';

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
        server.enqueueReply(faultReply(fault));
      }
    },
    leftovers: () => openStreamLeftovers(),
  };
}
