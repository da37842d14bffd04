import { InvalidRequestError, ModelNotSupportedError, type ProviderContext } from '@switchyard/core';
import {
  type HttpClient,
  HttpProvider,
  type HttpResponse,
  type ProviderCall,
  resolveProviderSettings,
  withServedModels,
} from '@switchyard/core/provider-kit';
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

/**
 * Any server that speaks OpenAI's streaming `/v1/chat/completions`: OpenAI, Ollama, vLLM,
 * llama.cpp, LM Studio, OpenRouter. Each instance is one endpoint with its own name, so several
 * sit side by side in one registry and one fallback chain.
 */
export class OpenAICompatible extends HttpProvider<OpenAICompatibleOptions> {
  protected override readonly providerOptionsSchema = openAICompatibleOptionsSchema;
  protected override readonly supportedSettings = [
    'temperature',
    'topP',
    'maxOutputTokens',
    'stopSequences',
    'seed',
  ] as const;
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
      defaults: { baseUrl: openAIPublicBaseUrl },
    });
    const isOpenAI = resolved.baseUrl.replace(/\/+$/, '') === openAIPublicBaseUrl;
    super(
      {
        ...resolved,
        name,
        defaultModel: resolved.defaultModel ?? resolved.models?.[0] ?? 'gpt-4o-mini',
        needsAuth: resolved.requiresApiKey ?? isOpenAI,
        authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
        authHint: openAIAuthHint,
        apiVersion: 'v1',
      },
      context,
    );
  }

  protected async doStream(call: ProviderCall<OpenAICompatibleOptions>) {
    const response = await this.#open(this.httpClient(call), call);
    const decoder = openAIStreamDecoder({ provider: this.name, model: call.model });
    return this.readSse(response, call, decoder, '/chat/completions');
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
      // A server that refuses a model seldom says which it serves; its model list does.
      if (ModelNotSupportedError.isInstance(error) && error.supportedModels.length === 0) {
        const hint = `Choose a model the server serves (the CLI's --model, or providers.${this.name}.models in config).`;
        throw await withServedModels(http, error, hint);
      }
      throw error;
    }
  }
}
