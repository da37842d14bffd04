import { ConfigurationError } from '../errors/configuration-error.js';
import type { TimeoutOverrides } from '../transport/timeouts.js';
import { describeReceived } from './format-config-issues.js';
import { parseConfigValue } from './parse-config-value.js';
import { type SwitchyardConfig, switchyardConfigSchema } from './switchyard-config-schema.js';

interface EnvOverride {
  readonly variable: string;
  /** The config fragment the variable's text stands for, not yet validated. */
  readonly toFragment: (text: string) => unknown;
}

function textOverride(variable: string, toFragment: (text: string) => unknown): EnvOverride {
  return { variable, toFragment };
}

function integerOverride(variable: string, expectation: string, toFragment: (value: number) => unknown): EnvOverride {
  return {
    variable,
    toFragment: (text) => {
      const digits = text.trim();
      // Number() alone would accept "1e3", "0x10" and "" and turn typos into surprising timeouts.
      if (!/^\d+$/.test(digits)) {
        throw new ConfigurationError({
          source: variable,
          problems: [`${expectation}, received ${describeReceived(text)}`],
        });
      }
      return toFragment(Number(digits));
    },
  };
}

function timeoutOverride(variable: string, key: keyof TimeoutOverrides): EnvOverride {
  return integerOverride(variable, 'expected a positive integer in milliseconds', (value) => ({
    timeouts: { [key]: value },
  }));
}

/** Applied in this order, each over the config file. */
const envOverrides: readonly EnvOverride[] = [
  textOverride('SWITCHYARD_PROXY', (proxy) => ({ proxy })),
  textOverride('SWITCHYARD_COOKIES_DIR', (cookiesDir) => ({ cookiesDir })),
  textOverride('SWITCHYARD_LOG_LEVEL', (logLevel) => ({ logLevel })),
  textOverride('SWITCHYARD_HEALTH_REDIS_URL', (url) => ({ health: { url } })),
  timeoutOverride('SWITCHYARD_TIMEOUT_CONNECT_MS', 'connectMs'),
  timeoutOverride('SWITCHYARD_TIMEOUT_HEADERS_MS', 'headersMs'),
  timeoutOverride('SWITCHYARD_TIMEOUT_FIRST_TOKEN_MS', 'firstTokenMs'),
  timeoutOverride('SWITCHYARD_TIMEOUT_IDLE_MS', 'idleMs'),
  timeoutOverride('SWITCHYARD_TIMEOUT_TOTAL_MS', 'totalMs'),
  integerOverride('SWITCHYARD_SSE_MAX_BUFFER_SIZE', 'expected a positive integer number of characters', (value) => ({
    sse: { maxBufferSize: value },
  })),
  // Comma-separated; blanks around and between commas are dropped, so `a, b,` is two keys.
  textOverride('SWITCHYARD_GATEWAY_KEYS', (text) => {
    const keys = text
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
    // A variable of commas alone would silently drop the file's keys.
    if (keys.length === 0) {
      throw new ConfigurationError({
        source: 'SWITCHYARD_GATEWAY_KEYS',
        problems: ['expected one or more comma-separated keys'],
      });
    }
    return { keys };
  }),
];

/** A `SWITCHYARD_*` variable and the config key it sets, e.g. `timeouts.idleMs`. */
export interface ConfigEnvironmentVariable {
  readonly variable: string;
  readonly key: string;
}

/**
 * Every variable `applyEnvOverrides` reads, with the key it sets, in the order they apply: what
 * the configuration reference lists. The key is read off the fragment each variable makes, so
 * the list cannot drift from the overrides themselves.
 */
export function configEnvironmentVariables(): ConfigEnvironmentVariable[] {
  return envOverrides.map(({ variable, toFragment }) => ({ variable, key: leafPath(toFragment('1')) }));
}

function leafPath(fragment: unknown): string {
  const path: string[] = [];
  let node = fragment;
  while (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    const [key] = Object.keys(node);
    if (key === undefined) break;
    path.push(key);
    node = (node as Record<string, unknown>)[key];
  }
  return path.join('.');
}

/**
 * `config` with every set `SWITCHYARD_*` variable laid over it. Each variable is validated by the
 * same schema as the file and blamed by name when it is wrong. An empty variable counts as unset,
 * since `FOO= command` is the usual way to switch one off.
 */
export function applyEnvOverrides(config: SwitchyardConfig, env: NodeJS.ProcessEnv): SwitchyardConfig {
  let merged = config;
  for (const { variable, toFragment } of envOverrides) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    const fragment = parseConfigValue(switchyardConfigSchema, toFragment(text), variable);
    merged = mergeConfig(merged, fragment);
  }
  return merged;
}

/** Nested sections merge key by key, so an idle timeout from the environment keeps the file's total timeout. */
function mergeConfig(base: SwitchyardConfig, override: SwitchyardConfig): SwitchyardConfig {
  const merged: SwitchyardConfig = { ...base, ...override };
  if (override.timeouts !== undefined) merged.timeouts = { ...base.timeouts, ...override.timeouts };
  if (override.sse !== undefined) merged.sse = { ...base.sse, ...override.sse };
  if (override.health !== undefined) merged.health = { ...base.health, ...override.health };
  return merged;
}
