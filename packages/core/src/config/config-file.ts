import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigurationError } from '../errors/configuration-error.js';
import { errorCode } from '../errors/error-code.js';
import { redactSecretsInText } from '../logging/redact.js';
import { parseConfigValue } from './parse-config-value.js';
import type { ProviderConfigSections } from './provider-config-sections.js';
import { type SwitchyardConfig, switchyardConfigSchema } from './switchyard-config-schema.js';
import { validateProviderSections } from './validate-provider-sections.js';

/** Looked for in the working directory when neither an explicit path nor `SWITCHYARD_CONFIG` names a file. */
export const defaultConfigFileName = 'switchyard.config.json';

export interface ConfigFileOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** An explicit file, which must exist. */
  readonly path?: string | undefined;
  /** Checks each section of `providers` against the provider that reads it. */
  readonly providerSections?: ProviderConfigSections | undefined;
}

interface ConfigFileLocation {
  readonly path: string;
  /** Why the file has to exist, or undefined when its absence just means "no file settings". */
  readonly requiredBecause: string | undefined;
}

/** Finds, reads and validates the config file; `{}` when there is none to read. */
export async function readConfigFile(options: ConfigFileOptions): Promise<SwitchyardConfig> {
  const location = locateConfigFile(options);
  const text = await readConfigText(location);
  if (text === undefined) return {};
  const config = parseConfigValue(switchyardConfigSchema, parseJson(text, location.path), location.path);
  if (options.providerSections !== undefined) validateProviderSections(config, options.providerSections, location.path);
  return withPluginPathsResolved(config, dirname(location.path));
}

/** A plugin path is relative to the file that names it, as any path in a config file is; a package name stays. */
function withPluginPathsResolved(config: SwitchyardConfig, directory: string): SwitchyardConfig {
  if (config.plugins === undefined) return config;
  const plugins = config.plugins.map((plugin) => (/^\.\.?[\\/]/.test(plugin) ? resolve(directory, plugin) : plugin));
  return { ...config, plugins };
}

function locateConfigFile({ cwd, env, path }: ConfigFileOptions): ConfigFileLocation {
  if (path !== undefined) return { path: resolve(cwd, path), requiredBecause: 'it was passed explicitly' };
  const fromEnv = env.SWITCHYARD_CONFIG;
  if (fromEnv !== undefined && fromEnv !== '') {
    return { path: resolve(cwd, fromEnv), requiredBecause: `SWITCHYARD_CONFIG is set to ${JSON.stringify(fromEnv)}` };
  }
  return { path: resolve(cwd, defaultConfigFileName), requiredBecause: undefined };
}

async function readConfigText(location: ConfigFileLocation): Promise<string | undefined> {
  try {
    return await readFile(location.path, 'utf8');
  } catch (error) {
    // Reading and handling ENOENT, rather than checking existence first, leaves no gap for the file to vanish in.
    if (errorCode(error) === 'ENOENT') {
      if (location.requiredBecause === undefined) return undefined;
      throw new ConfigurationError({
        source: location.path,
        problems: [`file not found (${location.requiredBecause})`],
      });
    }
    throw new ConfigurationError({
      source: location.path,
      problems: [`cannot read the file: ${errorCode(error) ?? String(error)}`],
      cause: error,
    });
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    // Some Windows editors save UTF-8 with a byte order mark, which JSON.parse rejects.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // No cause attached and the message redacted: newer V8 quotes the file's text, which may hold a proxy password.
    throw new ConfigurationError({
      source: path,
      problems: [`invalid JSON: ${redactSecretsInText(detail)}${lineAndColumn(text, detail)}`],
    });
  }
}

/** Node 20 reports only a character offset; a line and column is what an editor can jump to. */
function lineAndColumn(text: string, detail: string): string {
  const position = /at position (\d+)/.exec(detail)?.[1];
  if (position === undefined || /\bline\b/.test(detail)) return '';
  const before = text
    .replace(/^\uFEFF/, '')
    .slice(0, Number(position))
    .split('\n');
  return ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}
