import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProviderConfigSection } from '@switchyard/core';
import { errorCode } from '@switchyard/core';
import type { ConformanceSubject } from '@switchyard/testing';
import { PluginLoadError } from './plugin-load-error.js';
import type { LoadedPlugin, SwitchyardPlugin } from './switchyard-plugin.js';

/** A plugin to load, and the folder a relative path or a package name in it is found from. */
export interface PluginRequest {
  readonly specifier: string;
  readonly from: string;
}

const isPath = (specifier: string) => isAbsolute(specifier) || /^\.\.?[\\/]/.test(specifier);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The URL to import: a path from `from`; a package name as Node would find it from `from` (the
 * user's project, not this command's install), falling back to the name itself for a package
 * that only offers an `import` condition, which a CommonJS resolver cannot see.
 */
function pluginUrl({ specifier, from }: PluginRequest): string {
  if (specifier.startsWith('file:')) return specifier;
  if (isPath(specifier)) return pathToFileURL(resolve(from, specifier)).href;
  try {
    return pathToFileURL(createRequire(join(from, 'package.json')).resolve(specifier)).href;
  } catch {
    return specifier;
  }
}

async function importPlugin(request: PluginRequest): Promise<Record<string, unknown>> {
  const { specifier } = request;
  if (/\.[cm]?tsx?$/.test(specifier)) {
    throw new PluginLoadError(
      specifier,
      'is TypeScript, which node does not run: build it first (tsc), or run switchyard through tsx (npx tsx node_modules/@switchyard/cli/bin/switchyard.js …)',
    );
  }
  try {
    return (await import(pluginUrl(request))) as Record<string, unknown>;
  } catch (error) {
    const code = errorCode(error);
    if (
      code === 'ERR_MODULE_NOT_FOUND' &&
      messageOf(error).includes(isPath(specifier) ? resolve(request.from, specifier) : `'${specifier}'`)
    ) {
      const where = isPath(specifier)
        ? `no such file: ${resolve(request.from, specifier)}`
        : `no such package from ${request.from} (install it there: npm install ${specifier})`;
      throw new PluginLoadError(specifier, `cannot be found, ${where}`, { cause: error });
    }
    throw new PluginLoadError(specifier, `failed while loading: ${messageOf(error)}`, { cause: error });
  }
}

function isConformanceSubject(value: unknown): value is ConformanceSubject {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ConformanceSubject).name === 'string' &&
    typeof (value as ConformanceSubject).startTarget === 'function' &&
    typeof (value as ConformanceSubject).createProvider === 'function'
  );
}

function isConfigSection(value: unknown): value is ProviderConfigSection {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProviderConfigSection).name === 'string' &&
    typeof (value as { schema?: { safeParse?: unknown } }).schema?.safeParse === 'function'
  );
}

/** Named exports win; a default export that is an object is read the same way. */
function pluginOf(specifier: string, module: Record<string, unknown>): LoadedPlugin {
  const fromDefault =
    typeof module.default === 'object' && module.default !== null ? (module.default as Record<string, unknown>) : {};
  const exported = (key: keyof SwitchyardPlugin) => module[key] ?? fromDefault[key];
  const register = exported('register');
  const configSections = exported('configSections') ?? [];
  const conformanceSubjects = exported('conformanceSubjects') ?? [];
  if (register !== undefined && typeof register !== 'function') {
    throw new PluginLoadError(specifier, 'exports register, but not as a function (container) => void');
  }
  if (!Array.isArray(configSections) || !configSections.every(isConfigSection)) {
    throw new PluginLoadError(
      specifier,
      'exports configSections, but not as a list of { name, schema } (a zod schema)',
    );
  }
  if (!Array.isArray(conformanceSubjects) || !conformanceSubjects.every(isConformanceSubject)) {
    throw new PluginLoadError(
      specifier,
      'exports conformanceSubjects, but not as a list of conformance subjects ({ name, startTarget, createProvider })',
    );
  }
  if (register === undefined && conformanceSubjects.length === 0) {
    throw new PluginLoadError(
      specifier,
      'exports neither register(container), which registers its providers, nor conformanceSubjects',
    );
  }
  return {
    specifier,
    register: register as SwitchyardPlugin['register'],
    configSections,
    conformanceSubjects,
  };
}

/** Imports each plugin once, in order; the first that fails stops the command with its name. */
export async function loadPlugins(requests: readonly PluginRequest[]): Promise<LoadedPlugin[]> {
  const seen = new Set<string>();
  const plugins: LoadedPlugin[] = [];
  for (const request of requests) {
    const key = pluginUrl(request);
    if (seen.has(key)) continue;
    seen.add(key);
    plugins.push(pluginOf(request.specifier, await importPlugin(request)));
  }
  return plugins;
}
