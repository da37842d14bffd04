import { type DependencyContainer, instanceCachingFactory } from 'tsyringe';
import { type ProviderContext, resolveProviderContext } from '../registry/provider-context.js';
import { type AnyProvider, PROVIDER } from '../registry/provider-token.js';

/**
 * Registers a provider under `PROVIDER`, built once on first resolve with the container's
 * `CONFIG` and `LOGGER` when it has them. What a provider package's `register…` function calls.
 */
export function registerProvider(
  container: DependencyContainer,
  create: (context: ProviderContext) => AnyProvider,
): void {
  container.register(PROVIDER, {
    useFactory: instanceCachingFactory((resolver) => create(resolveProviderContext(resolver))),
  });
}
