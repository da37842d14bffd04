import { readConfigFile } from './config-file.js';
import { applyEnvOverrides } from './env-overrides.js';
import type { ProviderConfigSections } from './provider-config-sections.js';
import type { SwitchyardConfig } from './switchyard-config-schema.js';

export interface LoadConfigOptions {
  /** Where relative paths and the default `switchyard.config.json` are looked up; `process.cwd()` unless set. */
  readonly cwd?: string | undefined;
  /** `process.env` unless set; tests pass their own instead of mutating the real one. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** A config file that must exist; wins over `SWITCHYARD_CONFIG` and the default file. */
  readonly path?: string | undefined;
  /**
   * The providers that will read `providers`: each section is checked against its provider's
   * schema now, so a mistake in one is a `ConfigurationError` naming this file, not a failure
   * inside DI later. Unchecked when absent.
   */
  readonly providerSections?: ProviderConfigSections | undefined;
}

/**
 * Reads the config file (an explicit path, else `SWITCHYARD_CONFIG`, else `switchyard.config.json`
 * in `cwd` when present), checks its provider sections when told how, and lays `SWITCHYARD_*`
 * environment variables over it. Throws a `ConfigurationError` naming the file or variable at fault.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<SwitchyardConfig> {
  const env = options.env ?? process.env;
  const fromFile = await readConfigFile({
    cwd: options.cwd ?? process.cwd(),
    env,
    path: options.path,
    providerSections: options.providerSections,
  });
  return applyEnvOverrides(fromFile, env);
}
