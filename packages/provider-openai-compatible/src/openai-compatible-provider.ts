import {
  AsyncGeneratorProvider,
  InvalidRequestError,
  ModelNotSupportedError,
  type ProviderContext,
} from '@switchyard/core';
import {
  createHttpClient,
  type HttpClient,
  type HttpClientSettings,
  type HttpResponse,
  type ProviderCall,
  readSseParts,
  resolveProviderSettings,
} from '@switchyard/core/provider-kit';
import { z } from 'zod';
import {
  type OpenAICompatibleOptions,
  type OpenAICompatibleSettings,
  openAIAuthHint,
  openAICompatibleOptionsSchema,
  openAICompatibleSectionSchema,
  openAICompatibleSettingsSchema,
  openAIPublicBaseUrl,
} from './openai-compatible-settings.js';
import { openAIStreamDecoder } from './openai-stream-decoder.js';

const modelListSchema = z.looseObject({ data: z.array(z.looseObject({ id: z.string() })) });

/**
 * Any server that speaks OpenAI's streaming `/v1/chat/completions`: OpenAI, Ollama, vLLM,
 * llama.cpp, LM Studio, OpenRouter. Each instance is one endpoint with its own name, so several
 * sit side by side in one registry and one fallback chain.
 */
export class OpenAICompatible extends AsyncGeneratorProvider<OpenAICompatibleOptions> {
  readonly name: string;
  readonly label: string;
  readonly url: string;
  override readonly needsAuth: boolean;
  readonly defaultModel: string;
  readonly models: readonly string[];
  override readonly modelAliases: Readonly<Record<string, string>>;
  protected override readonly providerOptionsSchema = openAICompatibleOptionsSchema;
  protected override readonly supportedSettings = [
    'temperature',
    'topP',
    'maxOutputTokens',
    'stopSequences',
    'seed',
  ] as const;
  readonly baseUrl: string;
  readonly #http: HttpClientSettings;
  readonly #hasKey: boolean;
  readonly #maxSseBufferSize: number | undefined;
  /** Usage is asked for in the stream until a server says it does not know `stream_options`. */
  #askForUsage = true;

  constructor(settings: OpenAICompatibleSettings = {}, context: ProviderContext = {}) {
    const name = typeof settings?.name === 'string' ? settings.name : 'OpenAI';
    const resolved = resolveProviderSettings({
      provider: name,
      schema: openAICompatibleSettingsSchema,
      sectionSchema: openAICompatibleSectionSchema,
      settings,
      config: context.config,
      defaults: { baseUrl: openAIPublicBaseUrl, models: [] as string[], modelAliases: {}, headers: {} },
    });
    super({ timeouts: resolved.timeouts, logger: context.logger, proxy: resolved.proxy });
    this.name = name;
    this.label = resolved.label ?? name;
    this.baseUrl = resolved.baseUrl.replace(/\/+$/, '');
    this.url = this.baseUrl;
    this.needsAuth = resolved.requiresApiKey ?? this.baseUrl === openAIPublicBaseUrl;
    this.models = resolved.models;
    this.defaultModel = resolved.defaultModel ?? this.models[0] ?? 'gpt-4o-mini';
    this.modelAliases = resolved.modelAliases;
    this.#hasKey = resolved.apiKey !== undefined;
    const auth = resolved.apiKey === undefined ? {} : { authorization: `Bearer ${resolved.apiKey}` };
    this.#http = {
      baseUrl: this.baseUrl,
      headers: { ...resolved.headers, ...auth },
      authHint: openAIAuthHint,
      apiVersion: 'v1',
    };
    this.#maxSseBufferSize = resolved.maxSseBufferSize;
  }

  override hasCredentials(): boolean {
    return !this.needsAuth || this.#hasKey;
  }

  protected async doStream(call: ProviderCall<OpenAICompatibleOptions>) {
    const http = createHttpClient(call, this.#http);
    const response = await this.#open(http, call);
    return readSseParts(response.body, call, openAIStreamDecoder({ provider: this.name, model: call.model }), {
      target: http.url('/chat/completions'),
      maxBufferSize: this.#maxSseBufferSize,
    });
  }

  async #open(http: HttpClient, call: ProviderCall<OpenAICompatibleOptions>): Promise<HttpResponse> {
    const { settings, options } = call;
    const body = {
      model: call.model,
      messages: call.messages.map(({ role, content }) => ({ role, content })),
      stream: true,
      ...(this.#askForUsage ? { stream_options: { include_usage: true } } : {}),
      temperature: settings.temperature,
      top_p: settings.topP,
      max_tokens: settings.maxOutputTokens,
      stop: settings.stopSequences,
      seed: settings.seed,
      presence_penalty: options.presencePenalty,
      frequency_penalty: options.frequencyPenalty,
      user: options.user,
      ...options.extraBody,
    };
    try {
      return await http.stream({ method: 'POST', path: '/chat/completions', json: body });
    } catch (error) {
      if (this.#askForUsage && InvalidRequestError.isInstance(error) && error.message.includes('stream_options')) {
        this.#askForUsage = false;
        return this.#open(http, call);
      }
      if (ModelNotSupportedError.isInstance(error) && error.supportedModels.length === 0) {
        throw await this.#withServedModels(http, error);
      }
      throw error;
    }
  }

  /** A rejected model, told with what the server does serve (its `/models`), or how to choose one. */
  async #withServedModels(http: HttpClient, error: ModelNotSupportedError): Promise<ModelNotSupportedError> {
    const served = await http
      .json({ method: 'GET', path: '/models', schema: modelListSchema, what: 'the model list' })
      .then((list) => list.data.map((model) => model.id))
      .catch(() => []);
    return new ModelNotSupportedError({
      provider: this.name,
      model: error.model,
      supportedModels: served,
      detail: error.detail,
      hint: `Choose a model the server serves (the CLI's --model, or providers.${this.name}.models in config).`,
    });
  }
}
