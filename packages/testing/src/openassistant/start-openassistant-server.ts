import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type EmulatorControls, emulatorControls } from '../http/emulator-controls.js';
import type { ListeningServer } from '../http/listen-on-loopback.js';
import { listenOnLoopback } from '../http/listen-on-loopback.js';
import { answerWithFault, receiveRequest } from '../http/receive-request.js';
import type { RecordedRequest } from '../http/recorded-request.js';
import { RouteFaults } from '../http/route-faults.js';
import { naiveTimestamp } from './naive-timestamp.js';
import { writeEventStream } from './openassistant-event-writer.js';
import { openAssistantModelConfigs } from './openassistant-model-configs.js';
import { openAssistantPresets } from './openassistant-presets.js';
import {
  chatListRead,
  chatRead,
  type EmulatedChat,
  type EmulatedMessage,
  messageRead,
  randomSeed,
  type SamplingParameters,
} from './openassistant-records.js';
import type { OpenAssistantRoute, ScriptedReply } from './openassistant-script.js';
import type { PythonJsonValue } from './python-json.js';
import { uuid7 } from './uuid7.js';

export const openAssistantSessionCookieName = '__Secure-next-auth.session-token';
const insecureSessionCookieName = 'next-auth.session-token';

export interface OpenAssistantServerOptions {
  /** The session token the emulated website accepts. */
  readonly sessionToken?: string | undefined;
  /** What every assistant message answers unless a reply was queued. Lorem ipsum by default. */
  readonly defaultReply?: ScriptedReply | undefined;
  /** `pending_event_interval`: 1 s on the real server. */
  readonly pendingIntervalMs?: number | undefined;
  /** `ALLOWED_MODEL_CONFIG_NAMES`; every known config by default. */
  readonly allowedModels?: readonly string[] | undefined;
  /** The per-user assistant-message limit: 20 per 660 s on the real server; false turns it off. */
  readonly rateLimit?: { readonly times: number; readonly windowMs: number } | false | undefined;
  /** The port to listen on; a free one unless set. */
  readonly port?: number | undefined;
}

export interface ChatView {
  readonly id: string;
  readonly title: string | null;
  readonly messages: ReadonlyArray<{
    readonly id: string;
    readonly role: 'prompter' | 'assistant';
    readonly state: string;
    readonly content: string | null;
  }>;
}

export interface OpenAssistantServer extends EmulatorControls<ScriptedReply, OpenAssistantRoute> {
  /** The base URL a provider is pointed at, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly sessionToken: string;
  /** `name=value` for a `Cookie` header. */
  readonly sessionCookie: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Ids of every chat ever created, in order. */
  readonly createdChatIds: readonly string[];
  readonly deletedChatIds: readonly string[];
  /** Chats created and not deleted. */
  liveChats(): ChatView[];
}

const loremTokens =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.'.split(
    /(?= )/,
  );

const maxBodyBytes = 1024 * 1024;
const somethingWentWrong = { message: 'Something went wrong' };
const finishedStates = new Set(['manual', 'complete', 'aborted_by_worker']);

class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly body: PythonJsonValue | string | undefined,
  ) {
    super(`emulated ${status}`);
  }
}

/**
 * A faithful emulator of the open-assistant.io website's `/api/chat` routes (see
 * shared/openassistant-protocol.md), on 127.0.0.1 and a free port, with scripted replies and
 * injectable faults, and state a test can inspect to prove nothing was left behind.
 */
export async function startOpenAssistantServer(options: OpenAssistantServerOptions = {}): Promise<OpenAssistantServer> {
  const sessionToken = options.sessionToken ?? 'emulator-session-token';
  const pendingIntervalMs = options.pendingIntervalMs ?? 1000;
  const allowedModels = options.allowedModels ?? [...openAssistantModelConfigs.keys()];
  const rateLimit = options.rateLimit ?? { times: 20, windowMs: 660_000 };
  const defaultReply: ScriptedReply = options.defaultReply ?? { tokens: loremTokens };

  const requests: RecordedRequest[] = [];
  const chats = new Map<string, EmulatedChat>();
  const messages = new Map<string, EmulatedMessage>();
  const createdChatIds: string[] = [];
  const deletedChatIds: string[] = [];
  const replies: ScriptedReply[] = [];
  const faults = new RouteFaults<OpenAssistantRoute>();
  // fastapi-limiter's fixed window: a count and the moment the window opened.
  const rateWindow = { openedAt: 0, count: 0 };
  const streams = new Set<AbortController>();

  function isAuthorised(request: IncomingMessage): boolean {
    const cookies = new Map<string, string>();
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const separator = part.indexOf('=');
      if (separator > 0) cookies.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
    }
    for (const name of [openAssistantSessionCookieName, insecureSessionCookieName]) {
      const whole = cookies.get(name);
      if (whole !== undefined) return whole === sessionToken;
      // next-auth splits large tokens into `.0`, `.1`, … and joins them back.
      let joined = '';
      for (let index = 0; cookies.has(`${name}.${index}`); index++) joined += cookies.get(`${name}.${index}`);
      if (joined !== '') return joined === sessionToken;
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return bearer !== undefined && decodeURIComponent(bearer) === sessionToken;
  }

  function routeOf(method: string, path: string, query: URLSearchParams): OpenAssistantRoute | undefined {
    if (path === '/api/chat') {
      if (method === 'POST') return 'create_chat';
      if (method === 'GET') return query.has('chat_id') ? 'get_chat' : 'list_chats';
      if (method === 'PUT') return 'update_chat';
      if (method === 'DELETE') return 'delete_chat';
      return undefined;
    }
    if (path === '/api/chat/prompter_message' && method === 'POST') return 'prompter_message';
    if (path === '/api/chat/assistant_message' && method === 'POST') return 'assistant_message';
    if (path === '/api/chat/events') return 'events';
    if (path === '/api/chat/message' && method === 'GET') return 'message';
    if (path === '/api/chat/models' && method === 'GET') return 'models';
    return undefined;
  }

  function json(response: ServerResponse, status: number, body: PythonJsonValue): void {
    // The website re-serialises inference JSON with Next.js `res.json()`: compact JSON.
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }

  function chatOf(chatId: string | undefined): EmulatedChat {
    const chat = chatId === undefined ? undefined : chats.get(chatId);
    if (chat === undefined) throw new RouteError(500, 'Internal Server Error');
    return chat;
  }

  /** The inference server's detail, wrapped by the website's `{message}` envelope. */
  const inferenceError = (status: number, detail: PythonJsonValue): RouteError =>
    new RouteError(status, { message: detail });

  const missingField = (field: string): RouteError =>
    inferenceError(422, [{ loc: ['body', field], msg: 'field required', type: 'value_error.missing' }]);

  function createChat(response: ServerResponse): void {
    const now = naiveTimestamp();
    const chat: EmulatedChat = {
      id: uuid7(),
      createdAt: now,
      modifiedAt: now,
      title: null,
      hidden: false,
      allowDataUse: true,
      activeThreadTailMessageId: null,
      messages: [],
    };
    chats.set(chat.id, chat);
    createdChatIds.push(chat.id);
    json(response, 200, chatListRead(chat, { inList: false }));
  }

  function prompterMessage(response: ServerResponse, body: Record<string, unknown>): void {
    // FastAPI validates the body before the route looks the chat up.
    if (typeof body.content !== 'string') throw missingField('content');
    const chat = chats.get(String(body.chat_id));
    if (chat === undefined) throw new RouteError(500, somethingWentWrong);
    const parentId = typeof body.parent_id === 'string' ? body.parent_id : null;
    if (parentId === null && chat.messages.length > 0) {
      throw inferenceError(400, 'Trying to add first message to non-empty chat');
    }
    if (parentId !== null) {
      const parent = chat.messages.find((message) => message.id === parentId);
      if (parent === undefined) throw inferenceError(400, 'Parent message not found');
      if (parent.role !== 'assistant') throw inferenceError(400, 'Parent message is not an assistant message');
      if (parent.state !== 'complete') throw inferenceError(400, 'Parent message is not complete');
    }
    const message: EmulatedMessage = {
      id: uuid7(),
      parentId,
      chatId: chat.id,
      createdAt: naiveTimestamp(),
      role: 'prompter',
      content: body.content,
      state: 'manual',
      workParameters: null,
      reply: undefined,
    };
    chat.messages.push(message);
    messages.set(message.id, message);
    chat.modifiedAt = message.createdAt;
    chat.title ??= body.content;
    json(response, 200, messageRead(message));
  }

  function samplingParameters(value: unknown): SamplingParameters {
    if (value === null)
      throw inferenceError(422, [
        {
          loc: ['body', 'sampling_parameters'],
          msg: 'none is not an allowed value',
          type: 'type_error.none.not_allowed',
        },
      ]);
    const given = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const optionalNumber = (key: string, integer: boolean): number | null => {
      const field = given[key];
      if (field === undefined || field === null) return null;
      const number = Number(field);
      if (typeof field === 'boolean' || Number.isNaN(number)) {
        throw inferenceError(422, [
          { loc: ['body', 'sampling_parameters', key], msg: 'value is not a valid number', type: 'type_error.number' },
        ]);
      }
      return integer ? Math.trunc(number) : number;
    };
    if (given.max_new_tokens === null) {
      throw inferenceError(422, [
        {
          loc: ['body', 'sampling_parameters', 'max_new_tokens'],
          msg: 'none is not an allowed value',
          type: 'type_error.none.not_allowed',
        },
      ]);
    }
    return {
      top_k: optionalNumber('top_k', true),
      top_p: optionalNumber('top_p', false),
      typical_p: optionalNumber('typical_p', false),
      temperature: optionalNumber('temperature', false),
      repetition_penalty: optionalNumber('repetition_penalty', false),
      max_new_tokens: optionalNumber('max_new_tokens', true) ?? 1024,
    };
  }

  function assistantMessage(response: ServerResponse, body: Record<string, unknown>): void {
    if (rateLimit !== false) {
      const now = Date.now();
      if (now - rateWindow.openedAt >= rateLimit.windowMs) Object.assign(rateWindow, { openedAt: now, count: 0 });
      rateWindow.count += 1;
      // The real 429 callback crashes on its swapped arguments, so the client sees a plain 500.
      if (rateWindow.count > rateLimit.times) throw new RouteError(500, somethingWentWrong);
    }
    if (typeof body.parent_id !== 'string') throw missingField('parent_id');
    if (typeof body.model_config_name !== 'string') throw missingField('model_config_name');
    const sampling = samplingParameters(body.sampling_parameters);
    const modelName = body.model_config_name;
    const modelConfig = openAssistantModelConfigs.get(modelName);
    if (modelConfig !== undefined && !allowedModels.includes(modelName)) {
      throw inferenceError(422, `Model ${modelName} not in allowed models: ${allowedModels.join(', ')}`);
    }
    if (modelConfig === undefined) throw inferenceError(422, `Model ${modelName} not found`);
    for (const other of messages.values()) {
      if (other.role === 'assistant' && other.state === 'pending' && other.parentId !== body.parent_id) {
        other.state = 'cancelled';
      }
    }
    const parent = messages.get(body.parent_id);
    if (parent === undefined || parent.role !== 'prompter') throw new RouteError(500, somethingWentWrong);
    const chat = chatOf(parent.chatId);
    const reply = replies.shift() ?? defaultReply;
    const textOrNull = (key: string): string | null => (typeof body[key] === 'string' ? (body[key] as string) : null);
    const message: EmulatedMessage = {
      id: uuid7(),
      parentId: parent.id,
      chatId: chat.id,
      createdAt: naiveTimestamp(),
      role: 'assistant',
      content: reply.alreadyFinished === true ? (reply.content ?? (reply.tokens ?? []).join('')) : null,
      state:
        reply.alreadyFinished === true
          ? 'complete'
          : reply.alreadyFinished === 'aborted_by_worker'
            ? 'aborted_by_worker'
            : 'pending',
      workParameters: {
        modelConfig,
        sampling,
        seed: randomSeed(),
        systemPrompt: textOrNull('system_prompt'),
        userProfile: textOrNull('user_profile'),
        userResponseInstructions: textOrNull('user_response_instructions'),
        plugins: Array.isArray(body.plugins) ? (body.plugins as PythonJsonValue[]) : [],
      },
      reply,
    };
    chat.messages.push(message);
    messages.set(message.id, message);
    // What the client sees is the pending message, even if the worker is already done.
    json(response, 200, messageRead({ ...message, state: 'pending', content: null }));
  }

  async function events(response: ServerResponse, query: URLSearchParams): Promise<void> {
    const message = messages.get(query.get('message_id') ?? '');
    if (message === undefined || message.chatId !== query.get('chat_id')) {
      throw new RouteError(500, 'Internal Server Error');
    }
    if (message.role !== 'assistant') throw new RouteError(500, 'Internal Server Error');
    // The website sets 200 itself and copies no upstream headers.
    response.writeHead(200);
    if (finishedStates.has(message.state) || message.reply === undefined) {
      response.end();
      return;
    }
    const controller = new AbortController();
    streams.add(controller);
    response.once('close', () => controller.abort());
    const reply: ScriptedReply = message.state === 'cancelled' ? { end: { kind: 'pending-forever' } } : message.reply;
    try {
      await writeEventStream({ response, message, reply, pendingIntervalMs, signal: controller.signal });
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      streams.delete(controller);
    }
  }

  function deleteChat(response: ServerResponse, chatId: string | null): void {
    const chat = chats.get(chatId ?? 'undefined');
    if (chat === undefined) throw new RouteError(500, 'Internal Server Error');
    chats.delete(chat.id);
    for (const message of chat.messages) messages.delete(message.id);
    deletedChatIds.push(chat.id);
    response.writeHead(200).end();
  }

  function models(response: ServerResponse): void {
    json(
      response,
      200,
      allowedModels.map((name) => ({ name, description: '', parameter_configs: openAssistantPresets })),
    );
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
      jsonNeedsContentType: true,
    });
    requests.push(record);
    const route = routeOf(method, url.pathname, url.searchParams);
    if (await answerWithFault(response, route === undefined ? undefined : faults.take(route), streams)) return;
    if (rawBody === undefined) {
      response.writeHead(413).end('Body exceeded 1mb limit');
      return;
    }
    const isJson = (request.headers['content-type'] ?? '').startsWith('application/json');
    if (isJson && rawBody !== '' && parsed === undefined) {
      response.writeHead(400).end('Invalid JSON');
      return;
    }
    // Every /api/chat route checks the session first, even one that then answers 404.
    if (url.pathname.startsWith('/api/chat') && !isAuthorised(request)) {
      response.writeHead(403).end();
      return;
    }
    if (route === undefined) {
      response.writeHead(404).end();
      return;
    }
    const body = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    switch (route) {
      case 'create_chat':
        return createChat(response);
      case 'list_chats':
        return json(response, 200, {
          chats: [...chats.values()]
            .reverse()
            .filter((chat) => !chat.hidden)
            .map((chat) => chatListRead(chat, { inList: true })),
          next: null,
          prev: null,
        });
      case 'get_chat': {
        const chat = chats.get(url.searchParams.get('chat_id') ?? '');
        if (chat === undefined) return void response.writeHead(404).end();
        return json(response, 200, chatRead(chat));
      }
      case 'update_chat': {
        const chat = chatOf(typeof body.chat_id === 'string' ? body.chat_id : undefined);
        if (typeof body.title === 'string') {
          if (body.title.length > 100) throw new RouteError(500, 'Internal Server Error');
          chat.title = body.title;
        }
        if (typeof body.hidden === 'boolean') chat.hidden = body.hidden;
        if (typeof body.allow_data_use === 'boolean') chat.allowDataUse = body.allow_data_use;
        if (typeof body.active_thread_tail_message_id === 'string') {
          chat.activeThreadTailMessageId = body.active_thread_tail_message_id;
        }
        return void response.writeHead(200).end();
      }
      case 'delete_chat':
        return deleteChat(response, url.searchParams.get('chat_id'));
      case 'prompter_message':
        return prompterMessage(response, body);
      case 'assistant_message':
        return assistantMessage(response, body);
      case 'events':
        return events(response, url.searchParams);
      case 'message': {
        const message = messages.get(url.searchParams.get('message_id') ?? '');
        if (message === undefined) throw new RouteError(500, 'Internal Server Error');
        return json(response, 200, messageRead(message));
      }
      case 'models':
        return models(response);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof RouteError) {
        if (typeof error.body === 'string') response.writeHead(error.status).end(error.body);
        else if (error.body === undefined) response.writeHead(error.status).end();
        else json(response, error.status, error.body);
        return;
      }
      response.writeHead(500).end('Internal Server Error');
    });
  });
  const listening: ListeningServer = await listenOnLoopback(server, options.port);

  return {
    url: listening.url,
    sessionToken,
    sessionCookie: `${openAssistantSessionCookieName}=${sessionToken}`,
    requests,
    createdChatIds,
    deletedChatIds,
    liveChats: () =>
      [...chats.values()].map((chat) => ({
        id: chat.id,
        title: chat.title,
        messages: chat.messages.map((message) => ({
          id: message.id,
          role: message.role,
          state: message.state,
          content: message.content,
        })),
      })),
    ...emulatorControls({ listening, streams, replies, faults }),
  };
}
