import type { SwitchyardConfig } from './switchyard-config-schema.js';

/**
 * The key under `providers` that holds one provider's section. Names match case-insensitively
 * (an exact match wins) because people write `OpenAI` and `openai` interchangeably. Own keys
 * only, so a name like "constructor" cannot pick up Object.prototype members.
 */
export function providerSectionKey(config: SwitchyardConfig, providerName: string): string | undefined {
  const names = Object.keys(config.providers ?? {});
  const wanted = providerName.toLowerCase();
  return names.find((name) => name === providerName) ?? names.find((name) => name.toLowerCase() === wanted);
}

/**
 * The `providers` section for one provider, unvalidated: the provider checks it with its own
 * schema. `{}` when the section is absent.
 */
export function providerConfig(config: SwitchyardConfig, providerName: string): Record<string, unknown> {
  const key = providerSectionKey(config, providerName);
  return key === undefined ? {} : (config.providers?.[key] ?? {});
}
