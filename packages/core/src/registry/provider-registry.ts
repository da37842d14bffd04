import { container, instancePerContainerCachingFactory } from 'tsyringe';
import { z } from 'zod';
import { ProviderNotFoundError } from '../errors/provider-not-found-error.js';
import { parseRequestInput } from '../validation/parse-request-input.js';
import { ProviderHealth, type ProviderHealthEntry } from './provider-health.js';
import { type AnyProvider, PROVIDER } from './provider-token.js';

export interface ProviderFilter {
  /** Static flag combined with runtime health. */
  readonly working?: boolean | undefined;
  readonly needsAuth?: boolean | undefined;
  /** Providers that accept this model (by name or alias). */
  readonly model?: string | undefined;
}

export interface ProviderHealthSnapshot extends ProviderHealthEntry {
  /** The answer `isWorking` gives now: health when known, else the static flag. */
  readonly working: boolean;
}

/** JavaScript callers (and config values) can hand over anything; `toLowerCase` must not be what fails. */
const providerNameSchema = z.string();

/**
 * Every provider registered under `PROVIDER` in a container, found by name and filtered by
 * capability, with the runtime health that decides whether one is worth trying now. Resolve it
 * from a container (one per container); see the registration below for why it has no decorators.
 */
export class ProviderRegistry {
  readonly #providers: readonly AnyProvider[];
  readonly #byName = new Map<string, AnyProvider>();

  /** Without DI: `new ProviderRegistry([ollama, anthropic])`, with a health of its own unless given one. */
  constructor(
    providers: readonly AnyProvider[],
    readonly health: ProviderHealth = new ProviderHealth(),
  ) {
    this.#providers = providers;
    for (const provider of providers) this.#byName.set(provider.name.toLowerCase(), provider);
  }

  /** Case-insensitive; `label` works as an alias of the name. */
  get(name: string): AnyProvider {
    const wanted = parseRequestInput(providerNameSchema, name, 'name').toLowerCase();
    const found =
      this.#byName.get(wanted) ?? this.#providers.find((provider) => provider.label.toLowerCase() === wanted);
    if (found === undefined) {
      throw new ProviderNotFoundError({ requested: name, knownProviders: this.names() });
    }
    return found;
  }

  /** Whether `get(name)` would find a provider (by name or label). */
  has(name: string): boolean {
    const wanted = parseRequestInput(providerNameSchema, name, 'name').toLowerCase();
    return this.#byName.has(wanted) || this.#providers.some((provider) => provider.label.toLowerCase() === wanted);
  }

  names(): string[] {
    return this.#providers.map((provider) => provider.name);
  }

  list(filter: ProviderFilter = {}): AnyProvider[] {
    return this.#providers.filter(
      (provider) =>
        (filter.working === undefined || this.isWorking(provider) === filter.working) &&
        (filter.needsAuth === undefined || provider.needsAuth === filter.needsAuth) &&
        (filter.model === undefined || acceptsModel(provider, filter.model)),
    );
  }

  /** Runtime health when it knows better, else the provider's static `working` flag. */
  isWorking(provider: AnyProvider | string): boolean {
    const resolved = typeof provider === 'string' ? this.get(provider) : provider;
    return this.health.isWorking(resolved.name) ?? resolved.working;
  }

  /** The cooldown defaults to the health policy's. */
  markNotWorking(name: string, reason: string, cooldownMs?: number): void {
    this.health.markNotWorking(this.get(name).name, reason, cooldownMs);
  }

  markWorking(name: string): void {
    this.health.markWorking(this.get(name).name);
  }

  snapshot(): ProviderHealthSnapshot[] {
    return this.#providers.map((provider) => ({
      ...this.health.entry(provider.name),
      working: this.isWorking(provider),
    }));
  }
}

/*
 * Built by a factory rather than by constructor injection: tsyringe rewrites an error thrown while
 * it resolves a constructor parameter into a plain `Error` that keeps only the message, so a
 * provider whose factory throws (a `ConfigurationError` for its config section, an
 * `InvalidRequestError` for its settings) would reach the caller untyped. `resolveAll` inside a
 * factory lets the error through as itself. One instance per container, as `ContainerScoped` gave:
 * the factory is called with the container `resolve` was called on.
 */
container.register(ProviderRegistry, {
  useFactory: instancePerContainerCachingFactory(
    (resolver) =>
      new ProviderRegistry(
        resolver.isRegistered(PROVIDER, true) ? resolver.resolveAll(PROVIDER) : [],
        resolver.resolve(ProviderHealth),
      ),
  ),
});

function acceptsModel(provider: AnyProvider, model: string): boolean {
  return provider.models.length === 0 || provider.models.includes(model) || Object.hasOwn(provider.modelAliases, model);
}
