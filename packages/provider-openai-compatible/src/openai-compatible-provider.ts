import {
  AsyncGeneratorProvider,
  type ErrorResponse,
  type Logger,
  type ProviderCall,
  parseConfigValue,
  parseRequestInput,
  providerConfig,
  readSseBatches,
  type SwitchyardConfig,
  sendRequest,
} from '@switchyard/core';
import { openAICompatibleSectionSchema } from './openai-compatible-config-section.js';
import {
  type OpenAICompatibleParameters,
  openAICompatibleParametersSchema,
  parametersBody,
} from './openai-compatible-parameters.js';
import {
  type OpenAICompatibleSettings,
  openAICompatibleSettingsSchema,
  openAIPublicBaseUrl,
} from './openai-compatible-settings.js';
import { openAIDeltas } from './openai-deltas.js';
import { mapOpenAIError, openAIAuthHint } from './openai-error-mapping.js';

export interface OpenAICompatibleContext {
  readonly config?: SwitchyardConfig | undefined;
  readonly logger?: Logger | undefined;
}

const defaultName = 'OpenAICompatible';
/** A chunk that carries text: the opening role chunk (`"content":""`) and keep-alives do not. */
const contentChunk = /"content"\s*:\s*"[^"]/;

/**
 * Any server that speaks OpenAI's streaming `/v1/chat/completions`: OpenAI, Ollama, vLLM,
 * llama.cpp, LM Studio, OpenRouter. Each instance is one endpoint with its own name, so several
 * can sit side by side in one registry and one fallback chain.
 */
export class OpenAICompatible extends AsyncGeneratorProvider<OpenAICompatibleParameters> {
  readonly name: string;
  readonly label: string;
  readonly url: string;
  override readonly needsAuth: boolean;
  readonly defaultModel: string;
  readonly models: readonly string[];
  override readonly modelAliases: Readonly<Record<string, string>>;
  protected override readonly parametersSchema = openAICompatibleParametersSchema;

  readonly baseUrl: string;
  readonly #apiKey: string | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #proxy: string | undefined;
  readonly #maxSseBufferSize: number | undefined;

  constructor(settings: OpenAICompatibleSettings = {}, context: OpenAICompatibleContext = {}) {
    const own = parseRequestInput(openAICompatibleSettingsSchema, settings, 'settings', settings.name ?? defaultName);
    const name = own.name ?? defaultName;
    const config = context.config ?? {};
    const section = parseConfigValue(openAICompatibleSectionSchema, providerConfig(config, name), `providers.${name}`);
    super({ timeouts: { ...config.timeouts, ...section.timeouts, ...own.timeouts }, logger: context.logger });

    this.name = name;
    this.label = own.label ?? section.label ?? name;
    this.baseUrl = (own.baseUrl ?? section.baseUrl ?? openAIPublicBaseUrl).replace(/\/+$/, '');
    this.url = this.baseUrl;
    this.#apiKey = own.apiKey ?? section.apiKey;
    this.needsAuth = own.requiresApiKey ?? section.requiresApiKey ?? this.baseUrl === openAIPublicBaseUrl;
    this.models = own.models ?? section.models ?? [];
    this.defaultModel = own.defaultModel ?? section.defaultModel ?? this.models[0] ?? 'gpt-4o-mini';
    this.modelAliases = { ...section.modelAliases, ...own.modelAliases };
    this.#headers = { ...section.headers, ...own.headers };
    this.#proxy = own.proxy ?? section.proxy ?? config.proxy;
    this.#maxSseBufferSize = own.maxSseBufferSize ?? section.maxSseBufferSize ?? config.sse?.maxBufferSize;
  }

  override hasCredentials(): boolean {
    return !this.needsAuth || this.#apiKey !== undefined;
  }

  protected async *streamText(call: ProviderCall<OpenAICompatibleParameters>): AsyncGenerator<string, void, undefined> {
    const response = await sendRequest({
      url: new URL(`${this.baseUrl}/chat/completions`),
      method: 'POST',
      headers: {
        ...this.#headers,
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(this.#apiKey === undefined ? {} : { authorization: `Bearer ${this.#apiKey}` }),
      },
      body: JSON.stringify({
        model: call.model,
        messages: call.messages.map(({ role, content }) => ({ role, content })),
        stream: true,
        ...parametersBody(call.parameters),
      }),
      signal: call.signal,
      proxy: call.proxy ?? this.#proxy,
      timeouts: call.timeouts,
      provider: this.name,
      streaming: true,
      logger: this.logger,
      authHint: openAIAuthHint,
      mapErrorResponse: (errorResponse: ErrorResponse) =>
        mapOpenAIError(errorResponse, { provider: this.name, model: call.model, models: this.models }),
    });
    const batches = readSseBatches(response.body, {
      provider: this.name,
      target: `${this.baseUrl}/chat/completions`,
      firstTokenMs: call.timeouts.firstTokenMs,
      idleMs: call.timeouts.idleMs,
      maxBufferSize: this.#maxSseBufferSize,
      isProgress: (event) => contentChunk.test(event.data),
      isFinal: (event) => event.data === '[DONE]',
    });
    yield* openAIDeltas(batches, { provider: this.name, logger: this.logger });
  }
}
