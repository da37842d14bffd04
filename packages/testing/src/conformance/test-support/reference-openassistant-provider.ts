import { AsyncGeneratorProvider, ConnectionError, UpstreamError } from '@switchyard/core';
import {
  createCallSignal,
  createHttpClient,
  errorFromStatus,
  formatCookieHeader,
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
  | 'buffers-stream';

const idSchema = z.object({ id: z.string() });
const proxyAgents = new Map<string, ProxyAgent>();
/** One agent per proxy for the process, as a real client would keep. */
const proxyAgent = (proxy: string): ProxyAgent => {
  const agent = proxyAgents.get(proxy) ?? new ProxyAgent(proxy);
  proxyAgents.set(proxy, agent);
  return agent;
};
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

  constructor(
    private readonly target: ProviderTarget,
    private readonly defects: ReadonlySet<Defect> = new Set(),
  ) {
    super({ timeouts: target.timeouts });
    this.url = `${target.baseUrl}/chat`;
  }

  protected async *doStream(call: ProviderCall): AsyncGenerator<ProviderPart, void, undefined> {
    const broken = (defect: Defect) => this.defects.has(defect);
    const signal = broken('ignores-abort') ? new AbortController().signal : call.signal;
    const timeouts = broken('never-times-out')
      ? { ...call.timeouts, firstTokenMs: hours, idleMs: hours }
      : call.timeouts;
    const ownCall = { ...call, signal, timeouts };
    const cookie = formatCookieHeader({ ...this.target.credentials.cookies, ...call.cookies }) ?? '';
    const http = createHttpClient(ownCall, { baseUrl: this.target.baseUrl, headers: { cookie } });
    const idOf = async (path: string, json?: unknown) =>
      (await http.json({ method: 'POST', path, json, schema: idSchema, what: path })).id;

    const chatId = broken('leaks-cookies')
      ? await this.createChatFollowingRedirects(cookie, call.proxy)
      : await idOf('/api/chat');
    try {
      const prompterId = await idOf('/api/chat/prompter_message', { chat_id: chatId, content: 'x', parent_id: null });
      const assistantId = await idOf('/api/chat/assistant_message', {
        chat_id: chatId,
        parent_id: prompterId,
        model_config_name: call.model,
      });
      const events = await http.stream({
        method: 'POST',
        path: '/api/chat/events',
        query: { chat_id: chatId, message_id: assistantId },
      });
      const decoder: StreamDecoder<SseEvent> = {
        finalEvent: 'a final event',
        onEvent: ({ data }, out) => {
          const event = parseJsonEvent(data, this.name);
          if (event.event_type === 'token' && typeof event.text === 'string') out.text(event.text);
          else if (
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
      if (!broken('leaves-chat')) {
        // Its own deadline: the call's signal may be why we are here, and an aborted delete deletes nothing.
        const deadline = createCallSignal({ totalMs: 2_000 });
        await http
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
