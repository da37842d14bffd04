import { InvalidRequestError, type ProviderContext } from '@switchyard/core';
import { HttpProvider, type ProviderCall, resolveProviderSettings } from '@switchyard/core/provider-kit';
import { anthropicSectionSchema } from './anthropic-config-section.js';
import {
  type AnthropicOptions,
  type AnthropicSettings,
  anthropicAuthHint,
  anthropicOptionsSchema,
  anthropicPublicBaseUrl,
  anthropicSettingsSchema,
} from './anthropic-settings.js';
import { anthropicStreamDecoder } from './anthropic-stream-decoder.js';

/**
 * Anthropic's Messages API (`POST /v1/messages`, streamed): system messages become the
 * top-level `system`, `max_tokens` is always sent, thinking streams as reasoning.
 */
export class Anthropic extends HttpProvider<AnthropicOptions> {
  protected override readonly providerOptionsSchema = anthropicOptionsSchema;
  protected override readonly supportedSettings = [
    'temperature',
    'topP',
    'topK',
    'maxOutputTokens',
    'stopSequences',
  ] as const;
  readonly #defaultMaxOutputTokens: number;

  constructor(settings: AnthropicSettings = {}, context: ProviderContext = {}) {
    const name = typeof settings?.name === 'string' ? settings.name : 'Anthropic';
    const resolved = resolveProviderSettings({
      provider: name,
      schema: anthropicSettingsSchema,
      sectionSchema: anthropicSectionSchema,
      settings,
      config: context.config,
      defaults: {
        baseUrl: anthropicPublicBaseUrl,
        version: '2023-06-01',
        defaultModel: 'claude-sonnet-4-5',
        defaultMaxOutputTokens: 4096,
      },
    });
    super(
      {
        ...resolved,
        name,
        needsAuth: true,
        authHeaders: (apiKey) => ({ 'x-api-key': apiKey }),
        authHint: anthropicAuthHint,
        headers: { ...resolved.headers, 'anthropic-version': resolved.version },
        apiVersion: 'v1',
      },
      context,
    );
    this.#defaultMaxOutputTokens = resolved.defaultMaxOutputTokens;
  }

  protected async doStream(call: ProviderCall<AnthropicOptions>) {
    const response = await this.httpClient(call).stream({ method: 'POST', path: '/messages', json: this.#body(call) });
    return this.readSse(response, call, anthropicStreamDecoder(this.name, call.model), '/messages');
  }

  #body(call: ProviderCall<AnthropicOptions>): Record<string, unknown> {
    const { settings, options } = call;
    const system = call.messages.filter((message) => message.role === 'system').map((message) => message.content);
    // The API refuses empty content; an empty turn says nothing to the model anyway.
    const turns = call.messages.filter((message) => message.role !== 'system' && message.content !== '');
    if (turns.length === 0) {
      throw new InvalidRequestError({
        provider: this.name,
        issues: [{ path: 'messages', message: 'Anthropic needs at least one non-empty user or assistant message' }],
      });
    }
    let temperature = settings.temperature;
    if (temperature !== undefined && temperature > 1) {
      call.warn({
        type: 'changed-setting',
        setting: 'temperature',
        message: `Anthropic allows 0 to 1; ${temperature} was sent as 1`,
      });
      temperature = 1;
    }
    const budget = options.thinking?.budgetTokens;
    return {
      model: call.model,
      max_tokens: settings.maxOutputTokens ?? this.#defaultMaxOutputTokens + (budget ?? 0),
      ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
      messages: turns.map(({ role, content }) => ({ role, content })),
      stream: true,
      temperature,
      top_p: settings.topP,
      top_k: settings.topK,
      stop_sequences: settings.stopSequences,
      ...(budget === undefined ? {} : { thinking: { type: 'enabled', budget_tokens: budget } }),
      ...options.extraBody,
    };
  }
}
