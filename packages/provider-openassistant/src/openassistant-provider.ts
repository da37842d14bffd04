import {
  AsyncGeneratorProvider,
  type CallOptions,
  CookieStore,
  type ErrorResponse,
  formatCookieHeader,
  formatPrompt,
  type Logger,
  type ProviderCall,
  parseConfigValue,
  parseRequestInput,
  providerConfig,
  readSseBatches,
  resolveCookiesDirectory,
  type SwitchyardConfig,
  withoutUndefined,
} from '@switchyard/core';
import {
  createChat,
  deleteChat,
  fetchMessage,
  openEvents,
  postAssistantMessage,
  postPrompterMessage,
} from './openassistant-chat-flow.js';
import { openAssistantDeltas } from './openassistant-deltas.js';
import { mapOpenAssistantError } from './openassistant-error-mapping.js';
import { openAssistantDefaultModel, openAssistantModels } from './openassistant-models.js';
import { k50PluginsPreset, type OpenAssistantSampling, openAssistantSamplingSchema } from './openassistant-sampling.js';
import type { OpenAssistantSession } from './openassistant-session.js';
import {
  type OpenAssistantSettings,
  openAssistantPublicUrl,
  openAssistantSettingsSchema,
} from './openassistant-settings.js';
import { TurnLock } from './openassistant-turn-lock.js';

/** Where the provider finds its configuration and reports what it does; all optional. */
export interface OpenAssistantContext {
  readonly config?: SwitchyardConfig | undefined;
  readonly logger?: Logger | undefined;
  /** For the cookies folder: `SWITCHYARD_COOKIES_DIR` and `./har_and_cookies`. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly cwd?: string | undefined;
}

/** A desktop Chrome, as the original client sent on every request. */
const defaultUserAgent =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36';
const sessionCookieNames = ['__Secure-next-auth.session-token', 'next-auth.session-token'];
const defaultDeleteTimeoutMs = 5_000;
const pendingEvent = /^\{"event_type":\s*"pending"/;
/** After these the server closes the stream (protocol §2.4). */
const finalEvent = /^\{"event_type":\s*"(message|error)"/;

/**
 * gpt4free's `OpenAssistant` provider, ported: one chat per call on an Open-Assistant website
 * (`/api/chat`), streamed from its events endpoint and deleted on every way out. The public
 * open-assistant.io is gone, so the default instance is not working; point `baseUrl` at a
 * self-hosted one.
 */
export class OpenAssistant extends AsyncGeneratorProvider<OpenAssistantSampling> {
  readonly name = 'OpenAssistant';
  readonly label = 'Open Assistant';
  readonly url: string;
  override readonly needsAuth = true;
  override readonly working: boolean;
  readonly defaultModel = openAssistantDefaultModel;
  readonly models: readonly string[] = openAssistantModels;
  override readonly modelAliases: Readonly<Record<string, string>>;
  protected override readonly parametersSchema = openAssistantSamplingSchema;

  readonly baseUrl: string;
  readonly #userAgent: string;
  readonly #proxy: string | undefined;
  readonly #sampling: Required<OpenAssistantSampling>;
  readonly #deleteTimeoutMs: number;
  readonly #maxSseBufferSize: number | undefined;
  /** Configured cookies by source, for the base URL's host only. */
  readonly #configuredCookies: Readonly<Record<string, string>>;
  readonly #cookiesDir: string | undefined;
  #storedCookies: Promise<Readonly<Record<string, string>>> | undefined;
  readonly #turns = new TurnLock();

  constructor(settings: OpenAssistantSettings = {}, context: OpenAssistantContext = {}) {
    const config = context.config ?? {};
    const section = parseConfigValue(
      openAssistantSettingsSchema,
      providerConfig(config, 'OpenAssistant'),
      'providers.OpenAssistant',
    );
    const own = parseRequestInput(openAssistantSettingsSchema, settings, 'settings', 'OpenAssistant');
    super({ timeouts: { ...config.timeouts, ...section.timeouts, ...own.timeouts }, logger: context.logger });

    const baseUrl = own.baseUrl ?? section.baseUrl;
    this.baseUrl = (baseUrl ?? openAssistantPublicUrl).replace(/\/+$/, '');
    this.url = `${this.baseUrl}/chat`;
    this.working = baseUrl !== undefined;
    this.#userAgent = own.userAgent ?? section.userAgent ?? defaultUserAgent;
    this.#proxy = own.proxy ?? section.proxy ?? config.proxy;
    this.#sampling = {
      ...k50PluginsPreset,
      ...withoutUndefined(section.sampling ?? {}),
      ...withoutUndefined(own.sampling ?? {}),
    };
    this.modelAliases = { ...section.modelAliases, ...own.modelAliases };
    this.#deleteTimeoutMs = own.deleteTimeoutMs ?? section.deleteTimeoutMs ?? defaultDeleteTimeoutMs;
    this.#maxSseBufferSize = own.maxSseBufferSize ?? section.maxSseBufferSize ?? config.sse?.maxBufferSize;

    const configStore = new CookieStore();
    for (const [domain, record] of Object.entries(config.cookies ?? {})) configStore.addRecord(domain, record);
    this.#configuredCookies = {
      ...configStore.getCookies(this.baseUrl),
      ...section.cookies,
      ...own.cookies,
    };
    this.#cookiesDir =
      own.cookiesDir ??
      section.cookiesDir ??
      config.cookiesDir ??
      resolveCookiesDirectory(context.env ?? process.env, context.cwd ?? process.cwd());
  }

  /** A session cookie is configured or given for the call, or a cookies folder may hold one. */
  override hasCredentials(options?: CallOptions): boolean {
    const cookies = { ...this.#configuredCookies, ...options?.cookies };
    return Object.keys(cookies).some((name) => isSessionCookie(name)) || this.#cookiesDir !== undefined;
  }

  protected async *streamText(call: ProviderCall<OpenAssistantSampling>): AsyncGenerator<string, void, undefined> {
    const cookies = { ...(await this.storedCookies()), ...this.#configuredCookies, ...call.cookies };
    const cookieHeader = formatCookieHeader(cookies);
    const session: OpenAssistantSession = {
      baseUrl: this.baseUrl,
      headers: { 'user-agent': this.#userAgent, ...(cookieHeader === undefined ? {} : { cookie: cookieHeader }) },
      proxy: call.proxy ?? this.#proxy,
      timeouts: call.timeouts,
      signal: call.signal,
      provider: this.name,
      logger: this.logger,
      mapErrorResponse: (response: ErrorResponse) =>
        mapOpenAssistantError(response, { provider: this.name, model: call.model, models: this.models }),
    };

    const chatId = await createChat(session);
    let releaseTurn: (() => void) | undefined;
    try {
      const prompt = await postPrompterMessage(session, chatId, `<s>[INST]\n${formatPrompt(call.messages)}\n[/INST]`);
      releaseTurn = await this.#turns.acquire(cookieHeader ?? '', call.signal);
      const answer = await postAssistantMessage(session, {
        chatId,
        parentId: prompt.id,
        model: call.model,
        sampling: { ...this.#sampling, ...call.parameters },
      });
      const events = await openEvents(session, chatId, answer.id);
      const batches = readSseBatches(events.body, {
        provider: this.name,
        target: `${this.baseUrl}/api/chat/events`,
        firstTokenMs: call.timeouts.firstTokenMs,
        idleMs: call.timeouts.idleMs,
        maxBufferSize: this.#maxSseBufferSize,
        // Queue positions say the server is alive, not that the answer is coming.
        isProgress: (event) => !pendingEvent.test(event.data),
        isFinal: (event) => finalEvent.test(event.data),
      });
      yield* openAssistantDeltas(batches, {
        provider: this.name,
        logger: this.logger,
        fetchFinishedMessage: () => fetchMessage(session, chatId, answer.id),
        onAnswerStarted: releaseTurn,
      });
    } finally {
      releaseTurn?.();
      await deleteChat(session, chatId, this.#deleteTimeoutMs);
    }
  }

  /** Cookie files are read once per instance, not on every call as the original did. */
  private storedCookies(): Promise<Readonly<Record<string, string>>> {
    const dir = this.#cookiesDir;
    if (dir === undefined) return Promise.resolve({});
    this.#storedCookies ??= (async () => {
      const store = new CookieStore();
      const loaded = await store.loadDirectory(dir);
      this.logger.debug('cookie files loaded', { provider: this.name, dir, cookies: loaded });
      return store.getCookies(this.baseUrl);
    })();
    return this.#storedCookies;
  }
}

function isSessionCookie(name: string): boolean {
  return sessionCookieNames.some((session) => name === session || name.startsWith(`${session}.`));
}
