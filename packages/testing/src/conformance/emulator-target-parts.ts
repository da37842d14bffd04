import type { RecordedRequest } from '../http/recorded-request.js';
import type { ConformanceTarget } from './conformance-subject.js';

/** The part of a scripted reply both emulators read the same way. */
interface HeldReply {
  readonly tokens?: readonly string[] | undefined;
  readonly tokenDelayMs?: number | undefined;
  readonly holdAfterToken?: { readonly index: number; readonly until: Promise<unknown> } | undefined;
}

interface ScriptableEmulator {
  readonly requests: readonly RecordedRequest[];
  enqueueReply(reply: HeldReply): void;
  openStreams(): number;
  connectionsAccepted(): number;
  close(): Promise<void>;
}

/**
 * What every conformance target does alike: script an answer, read the model off the request
 * that asks for the answer, list requests, count open streams and connections, close.
 */
export function emulatorTargetParts(
  server: ScriptableEmulator,
  answerRequest: { readonly path: string; readonly modelField: string },
): Pick<
  ConformanceTarget,
  'answerNext' | 'requestedModels' | 'requests' | 'openStreams' | 'connectionsAccepted' | 'close'
> & {
  openStreamLeftovers(): string[];
} {
  return {
    answerNext(answer) {
      server.enqueueReply({
        tokens: answer.tokens,
        tokenDelayMs: answer.tokenDelayMs,
        holdAfterToken: answer.holdAfterFirst === undefined ? undefined : { index: 0, until: answer.holdAfterFirst },
      });
    },
    requestedModels: () =>
      server.requests
        .filter((request) => request.path === answerRequest.path)
        .map((request) => String((request.json as Record<string, unknown> | undefined)?.[answerRequest.modelField])),
    requests: () => server.requests.map((request) => ({ path: request.path, headers: request.headers })),
    openStreams: () => server.openStreams(),
    connectionsAccepted: () => server.connectionsAccepted(),
    openStreamLeftovers() {
      const streams = server.openStreams();
      return streams > 0 ? [`${streams} open stream(s)`] : [];
    },
    close: () => server.close(),
  };
}
