import type { ProviderRegistry } from '@switchyard/core';
import { formatTable } from '../format-table.js';
import { buildProviderScope } from '../provider-scope.js';

/** The registered providers as a table: name, working, needsAuth, health and model count. */
export function providersTable(registry: ProviderRegistry): string {
  const health = new Map(registry.snapshot().map((entry) => [entry.provider, entry]));
  const rows = registry.list().map((provider) => {
    const entry = health.get(provider.name);
    const state =
      entry === undefined || entry.status === 'unknown'
        ? 'not observed'
        : entry.status === 'cooling-down'
          ? `cooling down, ${Math.ceil(entry.cooldownLeftMs / 1000)} s left`
          : entry.status;
    return [
      provider.name,
      registry.isWorking(provider) ? 'yes' : 'no',
      provider.needsAuth ? 'yes' : 'no',
      state,
      provider.models.length === 0 ? 'any' : String(provider.models.length),
      provider.url,
    ];
  });
  return formatTable(['provider', 'working', 'needsAuth', 'health', 'models', 'url'], rows);
}

export async function runProviders(
  flags: { config?: string | undefined; plugin?: readonly string[] | undefined },
  stdout: NodeJS.WritableStream,
): Promise<number> {
  const scope = await buildProviderScope({ configPath: flags.config, plugins: flags.plugin });
  try {
    stdout.write(`${providersTable(scope.registry)}\n`);
    return 0;
  } finally {
    await scope.close();
  }
}
