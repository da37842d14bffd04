import { AsyncGeneratorProvider, type CallOptions, type ProviderContext } from '@switchyard/core';
import {
  CookieFolder,
  CookieStore,
  createHttpClient,
  formatCookieHeader,
  formatPrompt,
  type HttpClient,
  type ProviderCall,
  raceAbort,
  readSseParts,
  resolveCookiesDirectory,
  resolveProviderSettings,
} from '@switchyard/core/provider-kit';
import {
  createChat,
  deleteChat,
  fetchMessage,
  openEvents,
  postAssistantMessage,
  postPrompterMessage,
} from './openassistant-chat-flow.js';
import { mapOpenAssistantError, openAssistantAuthHint } from './openassistant-error-mapping.js';
import { openAssistantDefaultModel, openAssistantModels } from './openassistant-models.js';
import {
  callSampling,
  k50PluginsPreset,
  type OpenAssistantOptions,
  type OpenAssistantSampling,
  openAssistantOptionsSchema,
} from './openassistant-sampling.js';
import {
  type OpenAssistantSettings,
  openAssistantPublicUrl,
  openAssistantSettingsSchema,
} from './openassistant-settings.js';
import { openAssistantStreamDecoder } from './openassistant-stream-decoder.js';
import { TurnLock } from './openassistant-turn-lock.js';

/** Where the provider finds its configuration and reports what it does; all optional. */
export interface OpenAssistantContext extends ProviderContext {
  /** For the cookies folder: `SWITCHYARD_COOKIES_DIR` and `./har_and_cookies`. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly cwd?: string | undefined;
}

/** gpt4free's own string, byte for byte: the original client sent it on every request. */
const defaultUserAgent =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36';
const sessionCookieNames = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/**
 * gpt4free's `OpenAssistant` provider, ported: one chat per call on an Open-Assistant website
 * (`/api/chat`), streamed from its events endpoint and deleted on every way out. The public
 * open-assistant.io is gone, so the default instance is not working; point `baseUrl` at a
 * self-hosted one.
 */
export class OpenAssistant extends AsyncGeneratorProvider<OpenAssistantOptions> {
  readonly name = 'OpenAssistant';
  readonly label = 'Open Assistant';
  readonly url: string;
  override readonly needsAuth = true;
  override readonly createsUpstreamChat = true;
  override readonly working: boolean;
  readonly defaultModel = openAssistantDefaultModel;
  readonly models: readonly string[] = openAssistantModels;
  override readonly modelAliases: Readonly<Record<string, string>>;
  protected override readonly providerOptionsSchema = openAssistantOptionsSchema;
  protected override readonly supportedSettings = ['temperature', 'topP', 'topK', 'maxOutputTokens'] as const;

  readonly baseUrl: string;
  readonly #userAgent: string;
  readonly #sampling: Required<OpenAssistantSampling>;
  readonly #deleteTimeoutMs: number;
  readonly #maxSseBufferSize: number | undefined;
  /** Configured cookies by source, for the base URL's host only. */
  readonly #configuredCookies: Readonly<Record<string, string>>;
  readonly #cookiesDir: string | undefined;
  readonly #cookieFolder: CookieFolder | undefined;
  readonly #turns = new TurnLock();

  constructor(settings: OpenAssistantSettings = {}, context: OpenAssistantContext = {}) {
    const resolved = resolveProviderSettings({
      provider: 'OpenAssistant',
      schema: openAssistantSettingsSchema,
      settings,
      config: context.config,
      defaults: {
        userAgent: defaultUserAgent,
        sampling: k50PluginsPreset as Required<OpenAssistantSampling>,
        deleteTimeoutMs: 5_000,
        cookies: {},
        modelAliases: {},
      },
    });
    super({ timeouts: resolved.timeouts, logger: context.logger, proxy: resolved.proxy });
    this.baseUrl = (resolved.baseUrl ?? openAssistantPublicUrl).replace(/\/+$/, '');
    this.url = `${this.baseUrl}/chat`;
    this.working = resolved.baseUrl !== undefined;
    this.modelAliases = resolved.modelAliases;
    this.#userAgent = resolved.userAgent;
    this.#sampling = resolved.sampling as Required<OpenAssistantSampling>;
    this.#deleteTimeoutMs = resolved.deleteTimeoutMs;
    this.#maxSseBufferSize = resolved.maxSseBufferSize;

    const configStore = new CookieStore();
    for (const [domain, record] of Object.entries(context.config?.cookies ?? {})) configStore.addRecord(domain, record);
    this.#configuredCookies = { ...configStore.getCookies(this.baseUrl), ...resolved.cookies };
    this.#cookiesDir =
      resolved.cookiesDir ?? resolveCookiesDirectory(context.env ?? process.env, context.cwd ?? process.cwd());
    this.#cookieFolder =
      this.#cookiesDir === undefined
        ? undefined
        : new CookieFolder(this.#cookiesDir, { logger: this.logger, logFields: { provider: this.name } });
  }

  /** A session cookie is configured or given for the call, or a cookies folder may hold one. */
  override hasCredentials(request?: Pick<CallOptions, 'cookies'>): boolean {
    const cookies = { ...this.#configuredCookies, ...request?.cookies };
    return Object.keys(cookies).some((name) => isSessionCookie(name)) || this.#cookiesDir !== undefined;
  }

  protected async *doStream(call: ProviderCall<OpenAssistantOptions>) {
    const cookies = { ...(await this.storedCookies()), ...this.#configuredCookies, ...call.cookies };
    const cookieHeader = formatCookieHeader(cookies);
    const http = createHttpClient(call, {
      baseUrl: this.baseUrl,
      headers: { 'user-agent': this.#userAgent, ...(cookieHeader === undefined ? {} : { cookie: cookieHeader }) },
      authHint: openAssistantAuthHint,
      mapErrorResponse: (response) =>
        mapOpenAssistantError(response, { provider: this.name, model: call.model, models: this.models }),
    });
    const sampling = callSampling(this.#sampling, call.settings, call.options);
    const chatId = await this.#createChat(http, call);
    let releaseTurn: (() => void) | undefined;
    try {
      const prompt = await postPrompterMessage(http, chatId, `<s>[INST]\n${formatPrompt(call.messages)}\n[/INST]`);
      releaseTurn = await this.#turns.acquire(cookieHeader ?? '', call.signal);
      const answer = await postAssistantMessage(http, { chatId, parentId: prompt.id, model: call.model, sampling });
      const events = await openEvents(http, chatId, answer.id);
      const decoder = openAssistantStreamDecoder({
        provider: this.name,
        fetchFinishedMessage: () => fetchMessage(http, chatId, answer.id),
        onAnswerStarted: releaseTurn,
        onOtherEvent: (event) => this.logger.debug('event', { provider: this.name, event }),
      });
      yield* readSseParts(events.body, call, decoder, {
        target: http.url('/api/chat/events'),
        maxBufferSize: this.#maxSseBufferSize,
      });
    } finally {
      releaseTurn?.();
      await deleteChat(http, chatId, { provider: this.name, logger: this.logger, timeoutMs: this.#deleteTimeoutMs });
    }
  }

  /**
   * Creates the chat so that no abort can orphan it: the request runs on a signal of its own,
   * and when the call ends while it is in flight the caller hears at once, while the request is
   * given the cleanup deadline to answer and the chat it created is deleted.
   */
  async #createChat(http: HttpClient, call: ProviderCall<OpenAssistantOptions>): Promise<string> {
    const request = new AbortController();
    const creating = createChat(http, request.signal);
    try {
      return await raceAbort(creating, call.signal);
    } catch (error) {
      if (!call.signal.aborted) throw error;
      const giveUp = setTimeout(() => request.abort(call.signal.reason), this.#deleteTimeoutMs);
      creating
        .then(
          (chatId) =>
            deleteChat(http, chatId, { provider: this.name, logger: this.logger, timeoutMs: this.#deleteTimeoutMs }),
          () => undefined,
        )
        .finally(() => clearTimeout(giveUp));
      throw error;
    }
  }

  /**
   * The cookie files' cookies for the base URL. Each call looks at the folder, but only a changed
   * file is read again (the original read them all every time): fixing a file fixes the next call.
   * A malformed file is a warning; a folder with nothing usable is a ConfigurationError, which a
   * fallback chain does not count against this provider.
   */
  private async storedCookies(): Promise<Readonly<Record<string, string>>> {
    if (this.#cookieFolder === undefined) return {};
    return (await this.#cookieFolder.load()).getCookies(this.baseUrl);
  }
}

function isSessionCookie(name: string): boolean {
  return sessionCookieNames.some((session) => name === session || name.startsWith(`${session}.`));
}
