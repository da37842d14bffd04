import { type AnyProvider, nearestName, type ProviderRegistry, typoDistance } from '@switchyard/core';
import { OpenAssistant, openAssistantPublicUrl } from '@switchyard/provider-openassistant';
import { UsageError } from '../usage-error.js';

/** A provider by name; an unknown one names the nearest and how to point a new name at a server. */
export function lookUpProvider(registry: ProviderRegistry, name: string): AnyProvider {
  if (registry.has(name)) return registry.get(name);
  const nearest = nearestName(name, registry.names(), typoDistance(name));
  const guess = nearest === undefined ? '' : ` Did you mean "${nearest}"?`;
  throw new UsageError(
    `no provider named "${name}".${guess} Known providers: ${registry.names().join(', ')}. ` +
      `Any OpenAI-compatible server can go by that name: --provider ${name} --base-url http://HOST:PORT/v1, ` +
      `or a providers.${name} section with its baseUrl in switchyard.config.json.`,
  );
}

/**
 * A provider asked on its own that cannot work fails before any request, saying how to fix it.
 * Open Assistant is the default, and its public site is gone: that is the first thing a new
 * user meets.
 */
export function checkWorking(registry: ProviderRegistry, provider: AnyProvider): string | undefined {
  if (registry.isWorking(provider)) return undefined;
  if (provider instanceof OpenAssistant && provider.baseUrl === openAssistantPublicUrl) {
    throw new UsageError(
      `OpenAssistant points at ${openAssistantPublicUrl}, which is gone (the public Open Assistant closed in 2023), ` +
        'so it is marked not working. Point it at a self-hosted Open-Assistant: --base-url https://oa.example.org, ' +
        'or providers.OpenAssistant.baseUrl in switchyard.config.json. To try switchyard without one: ' +
        'switchyard emulate, in another terminal, then the chat line it prints.',
    );
  }
  return `${provider.name} is marked not working; asking it anyway, as it was named.`;
}
