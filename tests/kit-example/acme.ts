import { AsyncGeneratorProvider, type ProviderContext, UpstreamError } from '@switchyard/core';
import {
  createHttpClient,
  type ProviderCall,
  parseJsonEvent,
  readSseParts,
  registerProvider,
  resolveProviderSettings,
  timeoutsSchema,
} from '@switchyard/core/provider-kit';
import { type ConformanceSubject, defineScriptedProtocol, scriptedConformanceTarget } from '@switchyard/testing';
import type { DependencyContainer } from 'tsyringe';
import { z } from 'zod';

const acmeSettingsSchema = z.strictObject({
  baseUrl: z.url().optional(),
  apiKey: z.string().min(1).optional(),
  timeouts: timeoutsSchema.optional(),
});

export class Acme extends AsyncGeneratorProvider {
  readonly name = 'Acme';
  readonly label = 'Acme Models';
  readonly url: string;
  readonly defaultModel = 'acme-1';
  readonly models = ['acme-1', 'acme-1-mini'];
  override readonly modelAliases = { mini: 'acme-1-mini' };
  override readonly needsAuth = true;
  protected override readonly supportedSettings = ['temperature', 'maxOutputTokens'] as const;
  readonly #apiKey: string | undefined;

  constructor(settings: z.input<typeof acmeSettingsSchema> = {}, context: ProviderContext = {}) {
    const resolved = resolveProviderSettings({
      provider: 'Acme',
      schema: acmeSettingsSchema,
      settings,
      config: context.config,
      defaults: { baseUrl: 'https://api.acme.example' },
    });
    super({ timeouts: resolved.timeouts, logger: context.logger });
    this.url = resolved.baseUrl;
    this.#apiKey = resolved.apiKey;
  }

  override hasCredentials(): boolean {
    return this.#apiKey !== undefined;
  }

  protected async *doStream(call: ProviderCall) {
    const http = createHttpClient(call, { baseUrl: this.url, headers: { authorization: `Bearer ${this.#apiKey}` } });
    const response = await http.stream({
      method: 'POST',
      path: '/v1/generate',
      json: {
        model: call.model,
        messages: call.messages,
        temperature: call.settings.temperature,
        max_tokens: call.settings.maxOutputTokens,
      },
    });
    yield* readSseParts(
      response.body,
      call,
      {
        finalEvent: 'a done event',
        onEvent: ({ data }, out) => {
          const event = parseJsonEvent(data, this.name);
          if (event.type === 'delta' && typeof event.text === 'string') out.text(event.text);
          else if (event.type === 'error') {
            out.fail(new UpstreamError({ provider: this.name, upstreamMessage: String(event.message) }));
          } else if (event.type === 'done') {
            out.finish(event.reason === 'length' ? 'length' : 'stop', String(event.reason));
            out.end();
          }
        },
      },
      { target: http.url('/v1/generate') },
    );
  }
}

export function registerAcme(container: DependencyContainer, settings: z.input<typeof acmeSettingsSchema> = {}) {
  registerProvider(container, (context) => new Acme(settings, context));
}

// The protocol from the server's side, for the conformance suite's emulator.
const sse = (event: object) => `data: ${JSON.stringify(event)}\n\n`;
export const acmeProtocol = defineScriptedProtocol({
  name: 'Acme',
  path: '/v1/generate',
  encode: {
    text: (text) => sse({ type: 'delta', text }),
    error: (message) => sse({ type: 'error', message }),
    finish: ({ finishReason }) => sse({ type: 'done', reason: finishReason }),
  },
});

export const acmeConformanceSubject: ConformanceSubject = {
  name: 'Acme',
  startTarget: scriptedConformanceTarget(acmeProtocol, { models: ['acme-1', 'acme-1-mini'] }),
  createProvider: ({ baseUrl, credentials, timeouts }) => new Acme({ baseUrl, apiKey: credentials.apiKey, timeouts }),
  register: (container, { baseUrl, credentials }) => registerAcme(container, { baseUrl, apiKey: credentials.apiKey }),
};
