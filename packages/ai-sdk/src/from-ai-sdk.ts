import type { LanguageModelV3 } from '@ai-sdk/provider';
import {
  AsyncGeneratorProvider,
  type ChatRequest,
  InvalidRequestError,
  type ProviderContext,
  standardSettingNames,
} from '@switchyard/core';
import { type ProviderCall, type ProviderPart, resolveProviderSettings } from '@switchyard/core/provider-kit';
import {
  type AiSdkCallOptions,
  type AiSdkModelSource,
  type AiSdkProviderSettings,
  aiSdkCallOptionsSchema,
  aiSdkProviderSettingsSchema,
} from './ai-sdk-provider-settings.js';
import { readAiSdkStream } from './read-ai-sdk-stream.js';

const aiSdkProvidersPage = 'https://ai-sdk.dev/providers/ai-sdk-providers';

function isLanguageModel(value: unknown): value is LanguageModelV3 {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Partial<LanguageModelV3>).specificationVersion === 'v3' &&
    typeof (value as Partial<LanguageModelV3>).doStream === 'function'
  );
}

const proxyAdvice =
  'create the AI SDK provider with `fetch: switchyardFetch` and pass `switchyardFetch: true` to fromAiSdk';

/**
 * Any AI SDK language model (specification v3, as `ai` 6 and its provider packages make them)
 * as a Switchyard provider: registrable through DI, usable in a `FallbackProvider`, checked by
 * the conformance suite. Give one model (`anthropic('claude-sonnet-4-5')`) or the AI SDK
 * provider's function of a model id with the `models` it may be asked for.
 */
export function fromAiSdk(
  model: AiSdkModelSource,
  settings: AiSdkProviderSettings,
  context: ProviderContext = {},
): AiSdkProvider {
  return new AiSdkProvider(model, settings, context);
}

export class AiSdkProvider extends AsyncGeneratorProvider<AiSdkCallOptions> {
  readonly name: string;
  readonly label: string;
  readonly url: string;
  override readonly needsAuth: boolean;
  readonly defaultModel: string;
  readonly models: readonly string[];
  override readonly modelAliases: Readonly<Record<string, string>>;
  protected override readonly providerOptionsSchema = aiSdkCallOptionsSchema;
  // Every standard setting has an AI SDK call option; a model that ignores one says so in its warnings.
  protected override readonly supportedSettings = standardSettingNames;
  readonly #modelFor: (modelId: string) => LanguageModelV3;
  readonly #switchyardFetch: boolean;

  constructor(model: AiSdkModelSource, settings: AiSdkProviderSettings, context: ProviderContext = {}) {
    const name = typeof settings?.name === 'string' && settings.name !== '' ? settings.name : undefined;
    if (name === undefined) {
      throw new InvalidRequestError({ issues: [{ path: 'settings.name', message: 'expected a non-empty string' }] });
    }
    const single = isLanguageModel(model) ? model : undefined;
    if (single === undefined && typeof model !== 'function') {
      throw new InvalidRequestError({
        provider: name,
        issues: [
          {
            path: 'model',
            message:
              'expected an AI SDK language model of specification v3 (ai 6) or a function of a model id that returns one',
          },
        ],
      });
    }
    const resolved = resolveProviderSettings({
      provider: name,
      schema: aiSdkProviderSettingsSchema,
      settings,
      config: context.config,
      defaults: { url: aiSdkProvidersPage, modelAliases: {}, needsAuth: false, switchyardFetch: false },
    });
    super({ timeouts: resolved.timeouts, logger: context.logger, proxy: resolved.proxy });
    this.name = name;
    this.url = resolved.url;
    this.needsAuth = resolved.needsAuth;
    this.modelAliases = resolved.modelAliases;
    this.#switchyardFetch = resolved.switchyardFetch;
    if (resolved.proxy !== undefined && !this.#switchyardFetch) {
      throw new InvalidRequestError({
        provider: name,
        issues: [
          {
            path: 'settings.proxy',
            message: `the model's requests cannot go through a proxy unless you ${proxyAdvice}`,
          },
        ],
      });
    }
    if (single !== undefined) {
      const own = single.modelId;
      const stray = [...(resolved.models ?? []), resolved.defaultModel].find((id) => id !== undefined && id !== own);
      if (stray !== undefined) {
        throw new InvalidRequestError({
          provider: name,
          issues: [
            {
              path: resolved.models?.includes(stray) ? 'settings.models' : 'settings.defaultModel',
              message: `one AI SDK model answers as ${own} only, not ${stray}; pass the AI SDK provider's function of a model id to serve several`,
            },
          ],
        });
      }
      this.label = resolved.label ?? `${single.provider} ${own} (AI SDK)`;
      this.models = [own];
      this.defaultModel = own;
      this.#modelFor = () => single;
    } else {
      const factory = model as (modelId: string) => LanguageModelV3;
      const models = resolved.models ?? [];
      const defaultModel = resolved.defaultModel ?? models[0];
      if (defaultModel === undefined) {
        throw new InvalidRequestError({
          provider: name,
          issues: [{ path: 'settings.defaultModel', message: 'required with a provider function and no models' }],
        });
      }
      this.label = resolved.label ?? `${name} (AI SDK)`;
      this.models = models;
      this.defaultModel = defaultModel;
      // Only listed models are kept: with none listed, any id a caller sends is accepted, and
      // keeping one model per id would grow without bound (the factories are cheap to call).
      const made = new Map<string, LanguageModelV3>();
      this.#modelFor = (modelId) => {
        if (models.length === 0) return factory(modelId);
        let languageModel = made.get(modelId);
        if (languageModel === undefined) {
          languageModel = factory(modelId);
          made.set(modelId, languageModel);
        }
        return languageModel;
      };
    }
    for (const [alias, target] of Object.entries(this.modelAliases)) {
      if (this.models.length > 0 && !this.models.includes(target)) {
        throw new InvalidRequestError({
          provider: name,
          issues: [{ path: `settings.modelAliases.${alias}`, message: `points to ${target}, which is not in models` }],
        });
      }
    }
  }

  /** The AI SDK provider holds its own key; a missing one surfaces as `MissingAuthError` when called. */
  override hasCredentials(): boolean {
    return true;
  }

  /** A proxy the model's requests cannot honour is refused before anything is sent, never ignored. */
  protected override checkRequest(request: ChatRequest, root: string): void {
    super.checkRequest(request, root);
    if (request.proxy !== undefined && !this.#switchyardFetch) {
      throw new InvalidRequestError({
        provider: this.name,
        issues: [{ path: `${root}.proxy`, message: `this AI SDK model cannot use a proxy per call; ${proxyAdvice}` }],
      });
    }
  }

  protected async *doStream(call: ProviderCall<AiSdkCallOptions>): AsyncGenerator<ProviderPart, void, undefined> {
    if (call.cookies !== undefined) {
      call.warn({
        type: 'unsupported-setting',
        setting: 'cookies',
        message: 'AI SDK models send no cookies; not sent',
      });
    }
    yield* readAiSdkStream(this.#modelFor(call.model), call, { switchyardFetch: this.#switchyardFetch });
  }
}
