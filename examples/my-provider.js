// A provider of one's own, as a plugin of the `switchyard` command: written on the provider kit,
// outside any package of this repository. It speaks OpenAI's streaming /v1/chat/completions, so
// `switchyard emulate --protocol openai` gives it something to talk to.
//
//   switchyard chat "Hello" --plugin ./examples/my-provider.js --provider MyProvider \
//     --base-url http://127.0.0.1:PORT/v1 --api-key sk-switchyard-emulator
//   switchyard conformance --plugin ./examples/my-provider.js --provider MyProvider
//
// A plugin exports register(container) (its providers, built with the command's config), and
// optionally configSections (so providers.MyProvider in switchyard.config.json is checked) and
// conformanceSubjects (what `switchyard conformance` runs).
import { AsyncGeneratorProvider, UpstreamError } from '@switchyard/core';
import {
  countField,
  createHttpClient,
  objectField,
  parseJsonEvent,
  proxyUrlSchema,
  readSseParts,
  registerProvider,
  resolveProviderSettings,
  timeoutsSchema,
} from '@switchyard/core/provider-kit';
import { startOpenAICompatibleTarget } from '@switchyard/testing';
import { z } from 'zod';

const name = 'MyProvider';

/** Its settings: the constructor's, and the same keys under providers.MyProvider in the config. */
const settingsSchema = z.strictObject({
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }).optional(),
  apiKey: z.string().min(1).optional(),
  models: z.array(z.string().min(1)).optional(),
  proxy: proxyUrlSchema.optional(),
  timeouts: timeoutsSchema.optional(),
});

const finishReasons = { stop: 'stop', length: 'length', content_filter: 'content-filter' };

/** One `chat.completion.chunk` event at a time: text, the finish reason, usage, `[DONE]`, errors. */
const decoder = {
  finalEvent: 'a finish reason or [DONE]',
  onEvent({ data }, out) {
    if (data === '[DONE]') return out.end();
    const chunk = parseJsonEvent(data, name);
    const error = objectField(chunk.error);
    if (error !== undefined) {
      return out.fail(new UpstreamError({ provider: name, upstreamMessage: String(error.message ?? 'error') }));
    }
    const choice = Array.isArray(chunk.choices) ? objectField(chunk.choices[0]) : undefined;
    const content = objectField(choice?.delta)?.content;
    if (typeof content === 'string') out.text(content);
    if (typeof choice?.finish_reason === 'string') {
      out.finish(finishReasons[choice.finish_reason] ?? 'other', choice.finish_reason);
    }
    const usage = objectField(chunk.usage);
    if (usage !== undefined) {
      out.usage({
        inputTokens: countField(usage.prompt_tokens),
        outputTokens: countField(usage.completion_tokens),
        totalTokens: countField(usage.total_tokens),
      });
    }
  },
};

export class MyProvider extends AsyncGeneratorProvider {
  name = name;
  label = 'My provider';
  needsAuth = true;
  supportedSettings = ['temperature', 'topP', 'maxOutputTokens', 'stopSequences', 'seed'];

  constructor(settings = {}, context = {}) {
    const resolved = resolveProviderSettings({
      provider: name,
      schema: settingsSchema,
      settings,
      config: context.config,
      defaults: { baseUrl: 'http://127.0.0.1:8080/v1', models: ['gpt-4o-mini'] },
    });
    super({ timeouts: resolved.timeouts, logger: context.logger, proxy: resolved.proxy });
    this.baseUrl = resolved.baseUrl.replace(/\/+$/, '');
    this.url = this.baseUrl;
    this.models = resolved.models;
    this.defaultModel = this.models[0];
    this.apiKey = resolved.apiKey;
  }

  hasCredentials() {
    return this.apiKey !== undefined;
  }

  async *doStream(call) {
    const http = createHttpClient(call, {
      baseUrl: this.baseUrl,
      headers: this.apiKey === undefined ? {} : { authorization: `Bearer ${this.apiKey}` },
      authHint: 'Give it an API key: --api-key KEY, or providers.MyProvider.apiKey in switchyard.config.json.',
    });
    const { settings } = call;
    const response = await http.stream({
      method: 'POST',
      path: '/chat/completions',
      json: {
        model: call.model,
        messages: call.messages.map(({ role, content }) => ({ role, content })),
        stream: true,
        stream_options: { include_usage: true },
        temperature: settings.temperature,
        top_p: settings.topP,
        max_tokens: settings.maxOutputTokens,
        stop: settings.stopSequences,
        seed: settings.seed,
      },
    });
    yield* readSseParts(response.body, call, decoder, { target: http.url('/chat/completions') });
  }
}

export function register(container, settings = {}) {
  registerProvider(container, (context) => new MyProvider(settings, context));
}

export const configSections = [{ name, schema: settingsSchema }];

const settingsFor = ({ baseUrl, credentials, timeouts }) => ({ baseUrl, apiKey: credentials.apiKey, timeouts });

export const conformanceSubjects = [
  {
    name,
    startTarget: startOpenAICompatibleTarget,
    createProvider: (target) => new MyProvider(settingsFor(target)),
    register: (container, target) => register(container, settingsFor(target)),
  },
];
