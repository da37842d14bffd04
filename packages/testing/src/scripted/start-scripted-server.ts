import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type EmulatorControls, emulatorControls } from '../http/emulator-controls.js';
import { listenOnLoopback } from '../http/listen-on-loopback.js';
import { answerWithFault, receiveRequest } from '../http/receive-request.js';
import type { RecordedRequest } from '../http/recorded-request.js';
import { RouteFaults } from '../http/route-faults.js';
import type { ProtocolErrorAnswer, ScriptedProtocol, ScriptedProtocolReply } from './scripted-protocol.js';
import { writeScriptedStream } from './write-scripted-stream.js';

export interface ScriptedServerOptions {
  readonly protocol: ScriptedProtocol;
  /** The key every request must carry, as the protocol says; any key passes when absent. */
  readonly apiKey?: string | undefined;
  /** The models the server knows; any name passes when absent. */
  readonly models?: readonly string[] | undefined;
  /** What every answer is unless a reply was queued. */
  readonly defaultReply?: ScriptedProtocolReply | undefined;
  /** A fixed port; a free one by default. */
  readonly port?: number | undefined;
}

/** The one route a scripted protocol answers on. */
export type ScriptedRoute = 'answer';

export interface ScriptedServer extends EmulatorControls<ScriptedProtocolReply, ScriptedRoute> {
  /** `http://127.0.0.1:PORT`: the protocol's path is appended to it. */
  readonly url: string;
  readonly apiKey: string | undefined;
  readonly requests: readonly RecordedRequest[];
}

const maxBodyBytes = 16 * 1024 * 1024;
const isErrorAnswer = (value: object): value is ProtocolErrorAnswer => 'status' in value;

/**
 * An emulator for any request-and-stream protocol, on 127.0.0.1: the protocol supplies where it
 * answers, its checks and its encoders; this supplies scripted answers (pacing, holds, reasoning),
 * every fault kind (statuses, error events, drops, stalls, malformed bytes), request records and
 * the count of open streams that shows whether a client cleaned up.
 */
export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const { protocol, apiKey } = options;
  const requests: RecordedRequest[] = [];
  const replies: ScriptedProtocolReply[] = [];
  const faults = new RouteFaults<ScriptedRoute>();
  const streams = new Set<AbortController>();
  const defaultReply = options.defaultReply ?? { tokens: ['Hello', ' from ', protocol.name, '.'] };

  const answerWith = (response: ServerResponse, answer: ProtocolErrorAnswer): void => {
    response
      .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
      .end(JSON.stringify(answer.body));
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const received = await receiveRequest(request, { maxBodyBytes, jsonNeedsContentType: false });
    requests.push(received.record);
    const isAnswerRoute = received.method === 'POST' && received.url.pathname === protocol.path;
    if (!isAnswerRoute) return answerWith(response, protocol.errorAnswer(404, `no route ${received.url.pathname}`));
    if (await answerWithFault(response, faults.take('answer'), streams)) return;
    const refused = apiKey === undefined ? undefined : protocol.authenticate(request.headers, apiKey);
    if (refused !== undefined) return answerWith(response, refused);
    const read = protocol.readRequest(received.json, request.headers, options.models ?? []);
    if (isErrorAnswer(read)) return answerWith(response, read);

    const reply = replies.shift() ?? defaultReply;
    const controller = new AbortController();
    streams.add(controller);
    response.once('close', () => controller.abort());
    // A client that left while its body was read never fires 'close' again.
    if (response.destroyed) controller.abort();
    const inputTokens = Math.ceil(received.record.body.length / 4);
    try {
      if (read.stream) {
        response.writeHead(200, {
          'content-type': protocol.streamContentType ?? 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
        });
        // Headers go out now, as streaming servers send them, even when the answer has no opening event.
        response.flushHeaders();
        await writeScriptedStream({
          response,
          encoder: protocol.streamEncoder(read),
          reply,
          inputTokens,
          signal: controller.signal,
        });
      } else {
        const text = (reply.tokens ?? []).join('');
        const reasoning = (reply.reasoning ?? []).join('');
        const outputTokens = (reply.tokens ?? []).length + (reply.reasoning ?? []).length;
        const body = protocol.completeBody(read, {
          text,
          reasoning,
          finishReason: reply.finishReason ?? 'stop',
          inputTokens,
          outputTokens,
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }
    } finally {
      streams.delete(controller);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (response.headersSent) response.destroy();
      else answerWith(response, protocol.errorAnswer(500, 'the emulator failed'));
    });
  });
  const listening = await listenOnLoopback(server, options.port ?? 0);
  return {
    url: listening.url,
    apiKey,
    requests,
    ...emulatorControls({ listening, streams, replies, faults }),
  };
}
