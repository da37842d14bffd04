import type { z } from 'zod';
import { parseConfigValue } from '../config/parse-config-value.js';
import { providerConfig } from '../config/provider-config.js';
import type { SwitchyardConfig } from '../config/switchyard-config-schema.js';
import { parseRequestInput } from '../validation/parse-request-input.js';

export interface ResolveProviderSettingsOptions<TSchema extends z.ZodObject, TDefaults> {
  /** The provider's name: its config section is `providers.<name>`. */
  readonly provider: string;
  /** The provider's settings, all optional and strict: the constructor's and the section's. */
  readonly schema: TSchema;
  /** The section's, where it differs (a section's name is its key, so it has no `name`). */
  readonly sectionSchema?: z.ZodObject | undefined;
  /** What the constructor was given. */
  readonly settings: unknown;
  readonly config?: SwitchyardConfig | undefined;
  /** What holds when no layer says otherwise. */
  readonly defaults: TDefaults;
}

type Layer = Readonly<Record<string, unknown>>;

/** Settings every provider may take that the config also sets for all providers at once. */
function configWide(config: SwitchyardConfig): Layer {
  return {
    proxy: config.proxy,
    timeouts: config.timeouts,
    cookiesDir: config.cookiesDir,
    maxSseBufferSize: config.sse?.maxBufferSize,
  };
}

const isPlainObject = (value: unknown): value is Layer =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

/**
 * A provider's settings, resolved in one place with one precedence: constructor settings over
 * its config section, over the config's own values, over the defaults. Objects (timeouts,
 * headers, sampling) merge key by key across layers; anything else is replaced whole. The
 * constructor's settings are checked as the caller's input (`InvalidRequestError` naming
 * `settings.<key>`), the section as configuration (`ConfigurationError` naming
 * `providers.<name>.<key>`), each before anything is sent.
 */
export function resolveProviderSettings<TSchema extends z.ZodObject, TDefaults extends Partial<z.output<TSchema>>>(
  options: ResolveProviderSettingsOptions<TSchema, TDefaults>,
): z.output<TSchema> & TDefaults {
  const { provider, schema } = options;
  const own = parseRequestInput(schema, options.settings ?? {}, 'settings', provider) as Layer;
  const config = options.config ?? {};
  const section = parseConfigValue(
    options.sectionSchema ?? schema,
    providerConfig(config, provider),
    `providers.${provider}`,
  ) as Layer;
  const known = new Set(Object.keys(schema.shape));
  const wide = Object.fromEntries(Object.entries(configWide(config)).filter(([key]) => known.has(key)));
  return mergeLayers([options.defaults as Layer, wide, section, own]) as z.output<TSchema> & TDefaults;
}

/** Later layers win; a value given as undefined is not given. */
function mergeLayers(layers: readonly Layer[]): Layer {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const earlier = merged[key];
      merged[key] = isPlainObject(earlier) && isPlainObject(value) ? mergeLayers([earlier, value]) : value;
    }
  }
  return merged;
}
