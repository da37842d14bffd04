import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type EmulatorControls, emulatorControls } from '../http/emulator-controls.js';
import { type ListeningServer, listenOnLoopback } from '../http/listen-on-loopback.js';
import { answerWithFault, receiveRequest } from '../http/receive-request.js';
import type { RecordedRequest } from '../http/recorded-request.js';
import { RouteFaults } from '../http/route-faults.js';
import { completionUsage, newCompletionIdentity } from './chat-completion-records.js';
import { parseChatCompletionRequest } from './chat-completion-request.js';
import { writeChatCompletionStream } from './chat-completion-stream-writer.js';
import { jsonContentType, writeChatCompletion } from './chat-completion-writer.js';
import { maskedApiKey } from './masked-api-key.js';
import { OpenAIRouteError } from './openai-error.js';
import type { OpenAICompatibleRoute, OpenAIScriptedReply } from './openai-script.js';
import { openAIErrorForStatus } from './openai-status-error.js';

export interface OpenAICompatibleServerOptions {
  /** When set, every request must carry `Authorization: Bearer <apiKey>`; none is asked for otherwise, as Ollama asks none. */
  readonly apiKey?: string | undefined;
  /** The models the server knows; `gpt-4o-mini` and `llama3.1:8b` by default. */
  readonly models?: readonly string[] | undefined;
  /** What every completion answers unless a reply was queued. Lorem ipsum by default. */
  readonly defaultReply?: OpenAIScriptedReply | undefined;
  /** Answers a request carrying `stream_options` with a 400, as servers that predate it do. */
  readonly rejectsStreamOptions?: boolean | undefined;
  /** The port to listen on; a free one unless set. */
  readonly port?: number | undefined;
}

/**
 * `openStreams` also counts JSON answers still held by their script and stalled requests; faults
 * come before authentication.
 */
export interface OpenAICompatibleServer extends EmulatorControls<OpenAIScriptedReply, OpenAICompatibleRoute> {
  /** The base URL a provider is pointed at, up to and including `/v1`: `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, without `/v1`. */
  readonly origin: string;
  readonly apiKey: string | undefined;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
}

const loremTokens = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.'.split(/(?= )/);

// OpenAI accepts large prompts; this only keeps a runaway client from filling memory.
const maxBodyBytes = 16 * 1024 * 1024;

const apiKeysPage = 'You can find your API key at https://platform.openai.com/account/api-keys.';

/**
 * A faithful emulator of OpenAI's `/v1/chat/completions` and `/v1/models` as OpenAI, Ollama,
 * vLLM and llama.cpp serve them, on 127.0.0.1 and a free port, with scripted replies and
 * injectable faults, and state a test can inspect to prove nothing was left behind.
 */
export async function startOpenAICompatibleServer(
  options: OpenAICompatibleServerOptions = {},
): Promise<OpenAICompatibleServer> {
  const { apiKey } = options;
  const models = options.models ?? ['gpt-4o-mini', 'llama3.1:8b'];
  const defaultReply: OpenAIScriptedReply = options.defaultReply ?? { tokens: loremTokens };
  const modelsCreated = Math.floor(Date.now() / 1000);

  const requests: RecordedRequest[] = [];
  const replies: OpenAIScriptedReply[] = [];
  const faults = new RouteFaults<OpenAICompatibleRoute>();
  const streams = new Set<AbortController>();

  function routeOf(method: string, path: string): OpenAICompatibleRoute | undefined {
    if (path === '/v1/chat/completions' && method === 'POST') return 'chat_completions';
    if (path === '/v1/models' && method === 'GET') return 'models';
    return undefined;
  }

  function json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': jsonContentType }).end(JSON.stringify(body));
  }

  function authenticate(request: IncomingMessage): void {
    if (apiKey === undefined) return;
    const given = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (given === apiKey) return;
    if (given === undefined) {
      throw new OpenAIRouteError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
      );
    }
    throw new OpenAIRouteError(401, `Incorrect API key provided: ${maskedApiKey(given)}. ${apiKeysPage}`, {
      code: 'invalid_api_key',
    });
  }

  async function chatCompletions(response: ServerResponse, body: unknown): Promise<void> {
    const request = parseChatCompletionRequest(body, models, options);
    const reply = replies.shift() ?? defaultReply;
    const identity = newCompletionIdentity(request.model);
    const promptCharacters = request.messages.reduce((sum, message) => sum + message.content.length, 0);
    const usage = completionUsage(promptCharacters, reply.tokens?.length ?? 0);
    const controller = new AbortController();
    streams.add(controller);
    response.once('close', () => controller.abort());
    // A client that left while its body was read never fires 'close' again.
    if (response.destroyed) controller.abort();
    try {
      if (request.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
        await writeChatCompletionStream({
          response,
          identity,
          reply,
          includeUsage: request.includeUsage,
          usage,
          signal: controller.signal,
        });
      } else {
        await writeChatCompletion({ response, identity, reply, usage, signal: controller.signal });
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      streams.delete(controller);
    }
  }

  function listModels(response: ServerResponse): void {
    json(response, 200, {
      object: 'list',
      data: models.map((id) => ({ id, object: 'model', created: modelsCreated, owned_by: 'switchyard-emulator' })),
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const {
      url,
      method,
      rawBody,
      json: parsed,
      record,
    } = await receiveRequest(request, {
      maxBodyBytes,
      jsonNeedsContentType: false,
    });
    requests.push(record);
    const route = routeOf(method, url.pathname);
    if (await answerWithFault(response, route === undefined ? undefined : faults.take(route), streams)) return;
    authenticate(request);
    if (rawBody === undefined) throw new OpenAIRouteError(413, 'Request body too large.');
    switch (route) {
      case 'chat_completions':
        return chatCompletions(response, parsed);
      case 'models':
        return listModels(response);
      case undefined:
        throw new OpenAIRouteError(404, `Invalid URL (${method} ${url.pathname})`);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof OpenAIRouteError) {
        json(response, error.status, error.body);
        return;
      }
      json(response, 500, openAIErrorForStatus(500));
    });
  });
  const listening: ListeningServer = await listenOnLoopback(server, options.port);

  return {
    url: `${listening.url}/v1`,
    origin: listening.url,
    apiKey,
    requests,
    ...emulatorControls({ listening, streams, replies, faults }),
  };
}
