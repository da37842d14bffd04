import { type AnyProvider, FallbackProvider, type ProviderRegistry, type RetryPolicy } from '@switchyard/core';
import { withoutUndefined } from '@switchyard/core/provider-kit';
import { GatewayHttpError } from './gateway-http-error.js';
import type { GatewayChain } from './gateway-options.js';

/** Where one request goes: a chain of one or more providers, and the model to ask of them. */
export interface Route {
  /** Always a chain, even for `provider/model`: one code path for attempts, health and failures. */
  readonly target: FallbackProvider;
  /** Undefined for a named chain: each member answers with its own default model. */
  readonly model: string | undefined;
}

/** One entry of `/v1/models`. */
export interface ListedModel {
  readonly id: string;
  /** The provider's name, or `switchyard` for a chain. */
  readonly ownedBy: string;
}

function chainSettings(definition: GatewayChain): {
  providers: readonly string[];
  retry: Partial<RetryPolicy> | undefined;
} {
  if (!('providers' in definition)) return { providers: definition, retry: undefined };
  // Only the fields that are set: an explicit undefined would not fall back to the default policy.
  return { providers: definition.providers, retry: withoutUndefined(definition.retry ?? {}) };
}

/**
 * Reads a request's `model` the gateway's way: a chain's name picks that chain; `provider/model`
 * one provider; a bare model name the first provider that lists it. Built once per gateway, so
 * every request shares the registry's health.
 */
export class ModelRoutes {
  readonly #registry: ProviderRegistry;
  readonly #chains = new Map<string, FallbackProvider>();
  readonly #single = new Map<string, FallbackProvider>();

  constructor(registry: ProviderRegistry, chains: Readonly<Record<string, GatewayChain>>) {
    this.#registry = registry;
    for (const [name, definition] of Object.entries(chains)) {
      const { providers, retry } = chainSettings(definition);
      // Built now, so a chain naming an unknown provider fails at start, not on its first request.
      this.#chains.set(name, new FallbackProvider({ name, providers: [...providers], registry, retry }));
    }
  }

  /** The route for `model`, or a 404 in OpenAI's words. */
  resolve(model: string): Route {
    const chain = this.#chains.get(model);
    if (chain !== undefined) return { target: chain, model: undefined };
    const slash = model.indexOf('/');
    // Model names may hold slashes themselves (`meta-llama/Llama-3`): only a known provider prefix splits.
    if (slash > 0 && this.#registry.has(model.slice(0, slash))) {
      const provider = this.#registry.get(model.slice(0, slash));
      const providerModel = model.slice(slash + 1);
      return { target: this.#singleChain(provider), model: providerModel === '' ? undefined : providerModel };
    }
    const lister = this.#registry.list().find((provider) => listsExplicitly(provider, model));
    if (lister !== undefined) return { target: this.#singleChain(lister), model };
    throw new GatewayHttpError({
      status: 404,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
      message: `The model \`${model}\` does not exist: use a chain (${[...this.#chains.keys()].join(', ') || 'none configured'}), provider/model, or a model a provider lists (GET /v1/models).`,
    });
  }

  /** Every chain, then every provider's models as `provider/model`. */
  list(): ListedModel[] {
    const chains = [...this.#chains.keys()].map((id) => ({ id, ownedBy: 'switchyard' }));
    const models = this.#registry
      .list()
      .flatMap((provider) =>
        [...new Set([provider.defaultModel, ...provider.models])]
          .filter((model) => model !== '')
          .map((model) => ({ id: `${provider.name}/${model}`, ownedBy: provider.name })),
      );
    return [...chains, ...models];
  }

  #singleChain(provider: AnyProvider): FallbackProvider {
    let chain = this.#single.get(provider.name);
    if (chain === undefined) {
      chain = new FallbackProvider({ name: provider.name, providers: [provider], registry: this.#registry });
      this.#single.set(provider.name, chain);
    }
    return chain;
  }
}

function listsExplicitly(provider: AnyProvider, model: string): boolean {
  return provider.models.includes(model) || Object.hasOwn(provider.modelAliases, model);
}
