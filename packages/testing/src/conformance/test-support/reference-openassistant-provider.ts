import { performance } from 'node:perf_hooks';
import {
  AsyncGeneratorProvider,
  ConnectionError,
  createCallSignal,
  errorFromNetworkFailure,
  errorFromStatus,
  formatCookieHeader,
  getDispatcher,
  type Message,
  type Messages,
  ProtocolError,
  type ProviderCall,
  type ProviderOptions,
  readJsonBody,
  readSseBatches,
  StreamInterruptedError,
  sendRequest,
  TimeoutError,
  type Timeouts,
  UpstreamError,
} from '@switchyard/core';
import { request } from 'undici';
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

/**
 * A compact, correct client of the Open Assistant protocol, into which one defect at a time can
 * be switched on. The suite's own tests use it to prove each check can fail.
 */
export class ReferenceOpenAssistant extends AsyncGeneratorProvider {
  readonly name = 'ReferenceOpenAssistant';
  readonly label = 'Reference Open Assistant';
  readonly url: string;
  override readonly needsAuth = true;
  readonly defaultModel = '_lorem';
  readonly models = ['_lorem', 'OA_SFT_Llama_30B_6'];
  override readonly modelAliases = { llama: 'OA_SFT_Llama_30B_6' };

  constructor(
    private readonly target: ProviderTarget,
    private readonly defects: ReadonlySet<Defect> = new Set(),
  ) {
    super({ timeouts: defects.has('no-total-timeout') ? { ...target.timeouts, totalMs: hours } : target.timeouts });
    this.url = `${target.baseUrl}/chat`;
  }

  override createAsyncGenerator(
    model: string | undefined,
    messages: Messages,
    options: ProviderOptions<Record<never, never>> = {},
  ): AsyncGenerator<string, void, undefined> {
    if (this.defects.has('mutates-messages')) foldSystemMessage(messages as Message[]);
    const own =
      this.defects.has('no-total-timeout') && options.timeouts !== undefined
        ? { ...options, timeouts: { ...options.timeouts, totalMs: hours } }
        : options;
    return super.createAsyncGenerator(model, messages, own);
  }

  protected async *streamText(call: ProviderCall<Record<never, never>>): AsyncGenerator<string, void, undefined> {
    const broken = (defect: Defect) => this.defects.has(defect);
    const signal = broken('ignores-abort') ? new AbortController().signal : call.signal;
    let timeouts = broken('ignores-call-timeouts') ? this.timeouts : call.timeouts;
    if (broken('never-times-out')) timeouts = { ...timeouts, firstTokenMs: hours, idleMs: hours };
    if (broken('no-headers-timeout')) timeouts = { ...timeouts, headersMs: hours };
    const callCookies = broken('ignores-call-cookies') ? {} : call.cookies;
    const cookie = formatCookieHeader({ ...this.target.credentials.cookies, ...callCookies }) ?? '';
    const send = (method: 'POST' | 'DELETE', path: string, json?: unknown, streaming = false, own = signal) =>
      sendRequest({
        url: new URL(path, this.target.baseUrl),
        method,
        headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: own,
        proxy:
          broken('proxies-first-request-only') && !(method === 'POST' && path === '/api/chat') ? undefined : call.proxy,
        timeouts,
        provider: this.name,
        streaming,
      });
    const idOf = async (path: string, json?: unknown) =>
      (await readJsonBody(await send('POST', path, json), idSchema, { provider: this.name, what: path })).id;

    const chatId = broken('leaks-cookies')
      ? await this.createChatFollowingRedirects(cookie, call.proxy, timeouts)
      : await idOf('/api/chat');
    let received = '';
    let firstTokenAt: number | undefined;
    let detachAbort = (): void => {};
    try {
      const prompterId = await idOf('/api/chat/prompter_message', { chat_id: chatId, content: 'x', parent_id: null });
      const assistantId = await idOf('/api/chat/assistant_message', {
        chat_id: chatId,
        parent_id: prompterId,
        model_config_name: broken('sends-default-model') ? this.defaultModel : call.model,
      });
      const lateAbort = broken('abort-ignored-before-first-token');
      const events = await send(
        'POST',
        `/api/chat/events?chat_id=${chatId}&message_id=${assistantId}`,
        undefined,
        true,
        lateAbort ? new AbortController().signal : signal,
      );
      const abortEvents = (): void => void events.body.destroy(call.signal.reason);
      let buffered = '';
      for await (const batch of readSseBatches(events.body, {
        ...timeouts,
        provider: this.name,
        isProgress: (event) => !event.data.includes('"pending"'),
      })) {
        for (const { data } of batch) {
          let event: { event_type?: string; text?: string; error?: string };
          try {
            event = JSON.parse(data);
          } catch (error) {
            const sent = broken('leaks-secret-in-protocol-errors') ? ` (the request sent cookie ${cookie})` : '';
            throw new ProtocolError({ provider: this.name, detail: `an event is not JSON${sent}`, cause: error });
          }
          if (event.event_type === 'token' && event.text) {
            if (lateAbort && firstTokenAt === undefined) {
              if (call.signal.aborted) abortEvents();
              else call.signal.addEventListener('abort', abortEvents, { once: true });
              detachAbort = () => call.signal.removeEventListener('abort', abortEvents);
            }
            firstTokenAt ??= performance.now();
            if (broken('idle-timer-never-restarts') && performance.now() - firstTokenAt > timeouts.idleMs) {
              throw new TimeoutError({ provider: this.name, phase: 'idle', timeoutMs: timeouts.idleMs });
            }
            received += event.text;
            if (broken('buffers-stream')) buffered += event.text;
            else if (broken('yields-non-strings')) yield { text: event.text } as unknown as string;
            else yield event.text;
          } else if (event.event_type === 'error') {
            if (broken('swallows-error-events')) return;
            throw new UpstreamError({ provider: this.name, upstreamMessage: event.error ?? '' });
          } else if (event.event_type === 'message') {
            if (buffered !== '') yield buffered;
            return;
          }
        }
      }
      throw new StreamInterruptedError({ provider: this.name, partialText: received, reason: 'no final event' });
    } catch (error) {
      if (received !== '' && ConnectionError.isInstance(error)) {
        throw new StreamInterruptedError({ provider: this.name, partialText: received, reason: 'lost', cause: error });
      }
      throw error;
    } finally {
      detachAbort();
      if (!broken('leaves-chat')) {
        // Its own deadline: the call's signal may be why we are here, and an aborted delete deletes nothing.
        const deadline = createCallSignal({ totalMs: 2_000 });
        await send('DELETE', `/api/chat?chat_id=${chatId}`, undefined, false, deadline.signal).then(
          (response) => response.body.dump(),
          () => undefined,
        );
        deadline.dispose();
      }
    }
  }

  /** The defect: a hand-rolled redirect follower that keeps the Cookie header across hosts. */
  private async createChatFollowingRedirects(cookie: string, proxy: string | undefined, timeouts: Timeouts) {
    let url = new URL('/api/chat', this.target.baseUrl);
    for (let hop = 0; hop < 3; hop++) {
      const target = `${url.origin}${url.pathname}`;
      const response = await request(url, {
        method: 'POST',
        headers: { cookie },
        dispatcher: getDispatcher({ proxy, connectMs: timeouts.connectMs }),
      }).catch((error: unknown) => {
        throw errorFromNetworkFailure(error, { provider: this.name, target, timeouts });
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
