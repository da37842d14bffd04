import { providerSectionKey, type SwitchyardConfig } from '@switchyard/core';
import { withoutUndefined } from '@switchyard/core/provider-kit';

/** Keys laid over one provider's `providers.<name>` section, e.g. from `--base-url` and `--api-key`. */
export interface ProviderOverride {
  readonly provider: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * `config` with each override merged into its provider's section, found by name as providers find
 * theirs (case-insensitively), so built-in, named and plugin providers all take them the same way:
 * from their section, checked by their own schema.
 */
export function withProviderOverrides(
  config: SwitchyardConfig,
  overrides: readonly ProviderOverride[],
): SwitchyardConfig {
  const providers: Record<string, Record<string, unknown>> = { ...config.providers };
  for (const { provider, values } of overrides) {
    const defined = withoutUndefined(values);
    if (Object.keys(defined).length === 0) continue;
    const key = providerSectionKey(config, provider) ?? provider;
    providers[key] = { ...providers[key], ...defined };
  }
  return { ...config, providers };
}
