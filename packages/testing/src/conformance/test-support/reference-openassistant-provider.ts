import {
  AbortedError,
  AsyncGeneratorProvider,
  type CallOptions,
  ConnectionError,
  type Message,
  type Messages,
  ProtocolError,
  TimeoutError,
  UpstreamError,
} from '@switchyard/core';
import {
  createCallSignal,
  createHttpClient,
  errorFromStatus,
  formatCookieHeader,
  type HttpClient,
  type ProviderCall,
  type ProviderPart,
  parseJsonEvent,
  readSseParts,
  type SseEvent,
  type StreamDecoder,
} from '@switchyard/core/provider-kit';
import { ProxyAgent, request } from 'undici';
import { z } from 'zod';
import type { ProviderTarget } from '../conformance-subject.js';

/** The defects the suite must catch, one per broken provider. */
export type Defect =
  | 'ignores-abort'
  | 'leaves-chat'
  | 'yields-non-strings'
  | 'swallows-error-events'
  | 'never-times-out'
  | 'leaks-cookies'
  | 'buffers-stream'
  /** Measures the idle limit from the first token, as if the timer were never restarted. */
  | 'idle-timer-never-restarts'
  | 'no-headers-timeout'
  /** Drops `totalMs`, from its settings and from each call, as a hand-built timeouts object might. */
  | 'no-total-timeout'
  /** Uses the constructor's timeouts and ignores the call's. */
  | 'ignores-call-timeouts'
  /** Sends only the cookies it was built with. */
  | 'ignores-call-cookies'
  /** Wires the abort to the answer stream only once its first token has come. */
  | 'abort-ignored-before-first-token'
  /** Folds the system message into the first user message, in the caller's own array. */
  | 'mutates-messages'
  /** Reports the requested model but asks the server for its default. */
  | 'sends-default-model'
  /** Sends the chat's creation through the proxy and every later request straight to the server. */
  | 'proxies-first-request-only'
  /** Quotes the request's Cookie header in a protocol error, a fault the old sample never injected. */
  | 'leaks-secret-in-protocol-errors';

const idSchema = z.object({ id: z.string() });

/** The mutates-messages defect, as a provider without a system role might write it. */
function foldSystemMessage(messages: Array<{ -readonly [Key in keyof Message]: Message[Key] }>): void {
  const [system, user] = Array.isArray(messages) ? messages : [];
  if (system?.role !== 'system' || user === undefined) return;
  user.content = `${system.content}\n\n${user.content}`;
  messages.splice(0, 1);
}
const hours = 3_600_000;
const proxyAgents = new Map<string, ProxyAgent>();
/** One agent per proxy for the process, as a real client would keep. */
const proxyAgent = (proxy: string): ProxyAgent => {
  const agent = proxyAgents.get(proxy) ?? new ProxyAgent(proxy);
  proxyAgents.set(proxy, agent);
  return agent;
};

/** A signal that follows the caller's abort but not the total timeout: what a provider timing nothing has. */
function callerOnlySignal(call: ProviderCall): AbortSignal {
  const controller = new AbortController();
  const callerSignal = call.request.signal;
  const abort = (): void =>
    controller.abort(new AbortedError({ provider: call.provider, cause: callerSignal?.reason }));
  if (callerSignal?.aborted) abort();
  else callerSignal?.addEventListener('abort', abort, { once: true });
  return controller.signal;
}

/**
 * A compact, correct client of the Open Assistant protocol, into which one defect at a time can
 * be switched on. The suite's own tests use it to prove each check can fail.
 */
export class ReferenceOpenAssistant extends AsyncGeneratorProvider {
  readonly name = 'ReferenceOpenAssistant';
  readonly label = 'Reference Open Assistant';
  readonly url: string;
  override readonly needsAuth = true;
  override readonly createsUpstreamChat = true;
  readonly defaultModel = '_lorem';
  readonly models = ['_lorem', 'OA_SFT_Llama_30B_6'];
  override readonly modelAliases = { llama: 'OA_SFT_Llama_30B_6' };

  constructor(
    private readonly target: ProviderTarget,
    private readonly defects: ReadonlySet<Defect> = new Set(),
  ) {
    super({ timeouts: target.timeouts });
    this.url = `${target.baseUrl}/chat`;
  }

  override createAsyncGenerator(
    model: string | undefined,
    messages: Messages,
    options: CallOptions = {},
  ): AsyncGenerator<string, void, undefined> {
    if (this.defects.has('mutates-messages')) foldSystemMessage(messages as Message[]);
    return super.createAsyncGenerator(model, messages, options);
  }

  protected async *doStream(call: ProviderCall): AsyncGenerator<ProviderPart, void, undefined> {
    const broken = (defect: Defect) => this.defects.has(defect);
    let signal = broken('no-total-timeout') ? callerOnlySignal(call) : call.signal;
    if (broken('ignores-abort')) signal = new AbortController().signal;
    let timeouts = broken('ignores-call-timeouts') ? this.timeouts : call.timeouts;
    if (broken('never-times-out')) timeouts = { ...timeouts, firstTokenMs: hours, idleMs: hours };
    if (broken('no-headers-timeout')) timeouts = { ...timeouts, headersMs: hours };
    const callCookies = broken('ignores-call-cookies') ? {} : call.cookies;
    const cookie = formatCookieHeader({ ...this.target.credentials.cookies, ...callCookies }) ?? '';
    const ownCall = { ...call, signal, timeouts };
    const http = createHttpClient(ownCall, { baseUrl: this.target.baseUrl, headers: { cookie } });
    const later = broken('proxies-first-request-only')
      ? createHttpClient({ ...ownCall, proxy: undefined }, { baseUrl: this.target.baseUrl, headers: { cookie } })
      : http;
    const idOf = async (client: HttpClient, path: string, json?: unknown) =>
      (await client.json({ method: 'POST', path, json, schema: idSchema, what: path })).id;

    const chatId = broken('leaks-cookies')
      ? await this.createChatFollowingRedirects(cookie, call.proxy)
      : await idOf(http, '/api/chat');
    let detachAbort = (): void => {};
    try {
      const prompterId = await idOf(later, '/api/chat/prompter_message', {
        chat_id: chatId,
        content: 'x',
        parent_id: null,
      });
      const assistantId = await idOf(later, '/api/chat/assistant_message', {
        chat_id: chatId,
        parent_id: prompterId,
        model_config_name: broken('sends-default-model') ? this.defaultModel : call.model,
      });
      const lateAbort = broken('abort-ignored-before-first-token');
      const events = await later.stream({
        method: 'POST',
        path: '/api/chat/events',
        query: { chat_id: chatId, message_id: assistantId },
        ...(lateAbort ? { signal: new AbortController().signal } : {}),
      });
      const abortEvents = (): void => void events.body.destroy(call.signal.reason);
      let firstTokenAt: number | undefined;
      const decoder: StreamDecoder<SseEvent> = {
        finalEvent: 'a final event',
        onEvent: ({ data }, out) => {
          let event: ReturnType<typeof parseJsonEvent>;
          try {
            event = parseJsonEvent(data, this.name);
          } catch (error) {
            const sent = broken('leaks-secret-in-protocol-errors') ? ` (the request sent cookie ${cookie})` : '';
            throw new ProtocolError({ provider: this.name, detail: `an event is not JSON${sent}`, cause: error });
          }
          if (event.event_type === 'token' && typeof event.text === 'string') {
            if (lateAbort && firstTokenAt === undefined) {
              if (call.signal.aborted) abortEvents();
              else call.signal.addEventListener('abort', abortEvents, { once: true });
              detachAbort = () => call.signal.removeEventListener('abort', abortEvents);
            }
            firstTokenAt ??= performance.now();
            if (broken('idle-timer-never-restarts') && performance.now() - firstTokenAt > timeouts.idleMs) {
              throw new TimeoutError({ provider: this.name, phase: 'idle', timeoutMs: timeouts.idleMs });
            }
            out.text(event.text);
          } else if (
            event.event_type === 'message' ||
            (event.event_type === 'error' && broken('swallows-error-events'))
          ) {
            out.finish('stop');
            out.end();
          } else if (event.event_type === 'error') {
            out.fail(new UpstreamError({ provider: this.name, upstreamMessage: String(event.error) }));
          }
        },
      };
      let buffered = '';
      for await (const part of readSseParts(events.body, ownCall, decoder, { target: http.url('/api/chat/events') })) {
        if (part.type !== 'text') {
          if (buffered !== '') yield { type: 'text', text: buffered };
          yield part;
        } else if (broken('buffers-stream')) buffered += part.text;
        else if (broken('yields-non-strings')) yield { type: 'text', text: { text: part.text } as unknown as string };
        else yield part;
      }
    } finally {
      detachAbort();
      if (!broken('leaves-chat')) {
        // Its own deadline: the call's signal may be why we are here, and an aborted delete deletes nothing.
        const deadline = createCallSignal({ totalMs: 2_000 });
        await later
          .send({ method: 'DELETE', path: '/api/chat', query: { chat_id: chatId }, signal: deadline.signal })
          .then(
            (response) => response.body.dump(),
            () => undefined,
          );
        deadline.dispose();
      }
    }
  }

  /** The defect: a hand-rolled redirect follower that keeps the Cookie header across hosts. */
  private async createChatFollowingRedirects(cookie: string, proxy: string | undefined) {
    let url = new URL('/api/chat', this.target.baseUrl);
    for (let hop = 0; hop < 3; hop++) {
      const target = `${url.origin}${url.pathname}`;
      const response = await request(url, {
        method: 'POST',
        headers: { cookie },
        ...(proxy === undefined ? {} : { dispatcher: proxyAgent(proxy) }),
      }).catch((error: unknown) => {
        throw new ConnectionError({ provider: this.name, target, cause: error });
      });
      const location = response.headers.location;
      if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
        await response.body.dump();
        url = new URL(location, url);
        continue;
      }
      const bodyText = await response.body.text();
      if (response.statusCode >= 300) {
        throw errorFromStatus(
          { status: response.statusCode, headers: response.headers, bodyText, url: target },
          { provider: this.name },
        );
      }
      return idSchema.parse(JSON.parse(bodyText)).id;
    }
    throw new Error('too many redirects');
  }
}
