import { randomUUID } from 'node:crypto';
import type { ScriptedProtocol } from '../scripted/scripted-protocol.js';
import { startScriptedServer } from '../scripted/start-scripted-server.js';
import type { ConformanceTarget } from './conformance-subject.js';
import { emulatorTargetParts } from './emulator-target-parts.js';
import { faultReply } from './fault-reply.js';

/**
 * A conformance target for any protocol the scripted emulator speaks: every fault kind of the
 * suite, from the protocol's own encoders. The target's `baseUrl` is the emulator's origin; the
 * protocol's path is under it. Its credential is an API key.
 */
export function scriptedConformanceTarget(
  protocol: ScriptedProtocol,
  options: { readonly models?: readonly string[] | undefined } = {},
): () => Promise<ConformanceTarget> {
  return async () => {
    const secret = `sk-conformance-${randomUUID()}`;
    const server = await startScriptedServer({ protocol, apiKey: secret, models: options.models });
    const { openStreamLeftovers, ...parts } = emulatorTargetParts(server, {
      path: protocol.path,
      modelField: protocol.modelField ?? 'model',
    });
    return {
      ...parts,
      baseUrl: server.url,
      credentials: { apiKey: secret },
      secret,
      // One request per call: the answer's request is the first and the last.
      hasLaterSteps: false,
      failNext(fault) {
        if (fault.kind === 'status') {
          if (fault.step === 'later') throw new Error(`${protocol.name} makes one request per call: no later step`);
          const answer = protocol.errorAnswer(fault.status);
          server.failNext('answer', {
            status: fault.status,
            headers: { 'content-type': 'application/json', ...answer.headers, ...fault.headers },
            body: JSON.stringify(answer.body),
          });
        } else if (fault.kind === 'stall-before-headers') {
          server.failNext('answer', { stall: true });
        } else {
          server.enqueueReply(faultReply(fault));
        }
      },
      leftovers: () => openStreamLeftovers(),
    };
  };
}
