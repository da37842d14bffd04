import type { SwitchyardConfig } from './switchyard-config-schema.js';

/**
 * The `providers` section for one provider, unvalidated: the provider checks it with its own
 * schema. Names match case-insensitively (an exact match wins) because people write `OpenAI` and
 * `openai` interchangeably. `{}` when the section is absent.
 */
export function providerConfig(config: SwitchyardConfig, providerName: string): Record<string, unknown> {
  // Own entries only, so a name like "constructor" cannot pick up Object.prototype members.
  const sections = Object.entries(config.providers ?? {});
  const wanted = providerName.toLowerCase();
  const match =
    sections.find(([name]) => name === providerName) ?? sections.find(([name]) => name.toLowerCase() === wanted);
  return match?.[1] ?? {};
}
