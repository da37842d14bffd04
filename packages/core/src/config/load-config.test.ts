import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { configEnvironmentVariables } from './env-overrides.js';
import { loadConfig } from './load-config.js';
import { providerConfig } from './provider-config.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-config-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeConfig(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function configError(promise: Promise<unknown>): Promise<ConfigurationError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(ConfigurationError.isInstance(error)).toBe(true);
  return error as ConfigurationError;
}

describe('loadConfig: which file', () => {
  it('returns {} when there is no file and no variables', async () => {
    await expect(loadConfig({ cwd: dir, env: {} })).resolves.toEqual({});
  });

  it('reads switchyard.config.json from cwd', async () => {
    await writeConfig('switchyard.config.json', { logLevel: 'debug', timeouts: { totalMs: 5000 } });
    await expect(loadConfig({ cwd: dir, env: {} })).resolves.toEqual({
      logLevel: 'debug',
      timeouts: { totalMs: 5000 },
    });
  });

  it('reads the file SWITCHYARD_CONFIG names, relative to cwd, instead of the default', async () => {
    await writeConfig('switchyard.config.json', { logLevel: 'debug' });
    await mkdir(join(dir, 'conf'));
    await writeConfig('conf/other.json', { logLevel: 'warn' });
    await expect(loadConfig({ cwd: dir, env: { SWITCHYARD_CONFIG: 'conf/other.json' } })).resolves.toEqual({
      logLevel: 'warn',
    });
  });

  it('prefers an explicit path over SWITCHYARD_CONFIG', async () => {
    const explicit = await writeConfig('explicit.json', { logLevel: 'error' });
    await writeConfig('from-env.json', { logLevel: 'warn' });
    await expect(
      loadConfig({ cwd: dir, env: { SWITCHYARD_CONFIG: 'from-env.json' }, path: explicit }),
    ).resolves.toEqual({ logLevel: 'error' });
  });

  it('ignores an empty SWITCHYARD_CONFIG', async () => {
    await writeConfig('switchyard.config.json', { logLevel: 'debug' });
    await expect(loadConfig({ cwd: dir, env: { SWITCHYARD_CONFIG: '' } })).resolves.toEqual({ logLevel: 'debug' });
  });

  it('fails naming the path and the variable when SWITCHYARD_CONFIG points at nothing', async () => {
    const error = await configError(loadConfig({ cwd: dir, env: { SWITCHYARD_CONFIG: 'missing.json' } }));
    expect(error.source).toBe(join(dir, 'missing.json'));
    expect(error.message).toContain(join(dir, 'missing.json'));
    expect(error.message).toContain('SWITCHYARD_CONFIG');
    expect(error.message).toContain('file not found');
  });

  it('fails when an explicit path does not exist', async () => {
    const error = await configError(loadConfig({ cwd: dir, env: {}, path: 'nope.json' }));
    expect(error.source).toBe(join(dir, 'nope.json'));
    expect(error.message).toContain('file not found');
  });
});

describe('loadConfig: file contents', () => {
  it('reports invalid JSON with the file and the parse problem', async () => {
    const path = await writeConfig('switchyard.config.json', '{\n  "logLevel": "info",\n}');
    const error = await configError(loadConfig({ cwd: dir, env: {} }));
    expect(error.source).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/invalid JSON: .+/);
    expect(error.message).toContain('line 3');
  });

  it('accepts a file saved with a byte order mark', async () => {
    await writeConfig('switchyard.config.json', '\uFEFF{"logLevel":"warn"}');
    await expect(loadConfig({ cwd: dir, env: {} })).resolves.toEqual({ logLevel: 'warn' });
  });

  it('reports a wrong type with the file, the dotted key and what was expected', async () => {
    const path = await writeConfig('switchyard.config.json', { timeouts: { idleMs: -5, totalMs: '10' } });
    const error = await configError(loadConfig({ cwd: dir, env: {} }));
    expect(error.source).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain('timeouts.idleMs: expected a positive integer, received -5');
    expect(error.message).toContain('timeouts.totalMs: expected a number, received "10"');
  });

  it('reports unknown keys with the path of the object that holds them', async () => {
    await writeConfig('switchyard.config.json', { proxi: 'http://x:1', sse: { maxBuffer: 10 } });
    const error = await configError(loadConfig({ cwd: dir, env: {} }));
    expect(error.message).toContain('unknown key "proxi" (did you mean "proxy"?)');
    expect(error.message).toContain('sse: unknown key "maxBuffer" (expected one of "maxBufferSize")');
  });

  it('rejects a proxy with an unsupported protocol', async () => {
    await writeConfig('switchyard.config.json', { proxy: 'ftp://proxy.example:21' });
    const error = await configError(loadConfig({ cwd: dir, env: {} }));
    expect(error.message).toContain('proxy: expected a proxy URL with protocol http, https, socks5 or socks');
  });

  it('accepts every supported proxy protocol', async () => {
    for (const proxy of ['http://p:1', 'https://p:1', 'socks5://u:pw@p:1080', 'socks://p:1080']) {
      await writeConfig('switchyard.config.json', { proxy });
      await expect(loadConfig({ cwd: dir, env: {} })).resolves.toEqual({ proxy });
    }
  });

  it('reads cookies, sse and provider sections', async () => {
    const config = {
      cookies: { 'example.com': { sid: 'abc' } },
      cookiesDir: './cookies',
      sse: { maxBufferSize: 1024 },
      providers: { openai: { model: 'x', retries: 2 } },
    };
    await writeConfig('switchyard.config.json', config);
    await expect(loadConfig({ cwd: dir, env: {} })).resolves.toEqual(config);
  });

  it('reads plugins: a path relative to the file that names it, a package name as given', async () => {
    await mkdir(join(dir, 'conf'));
    const path = await writeConfig('conf/switchyard.config.json', {
      plugins: ['./my-provider.js', '../shared/other.mjs', 'switchyard-plugin-echo', '@acme/switchyard-plugin'],
    });
    const config = await loadConfig({ cwd: dir, env: {}, path });
    expect(config.plugins).toEqual([
      join(dir, 'conf', 'my-provider.js'),
      join(dir, 'shared', 'other.mjs'),
      'switchyard-plugin-echo',
      '@acme/switchyard-plugin',
    ]);
    const empty = await writeConfig('empty-plugin.json', { plugins: [''] });
    expect((await configError(loadConfig({ cwd: dir, env: {}, path: empty }))).message).toContain(
      'plugins[0]: expected a non-empty string',
    );
  });

  it('hides cookie values in errors and quotes keys that are not names', async () => {
    await writeConfig('switchyard.config.json', { cookies: { 'example.com': 'sid=cookie-secret' } });
    const error = await configError(loadConfig({ cwd: dir, env: {} }));
    expect(error.message).toContain('cookies["example.com"]: expected an object, received a string (value hidden)');
    expect(error.message).not.toContain('cookie-secret');
  });

  it('never shows a proxy password from a failing file value', async () => {
    await writeConfig('switchyard.config.json', { proxy: 'ftp://alice:hunter2@proxy.example:21' });
    const error = await configError(loadConfig({ cwd: dir, env: {} }));
    expect(error.message).toContain('alice:***@proxy.example');
    expect(error.message).not.toContain('hunter2');
  });

  it('never shows a proxy password from invalid JSON', async () => {
    await writeConfig('switchyard.config.json', '{"proxy": "http://alice:hunter2@proxy.example:8080" "x": 1}');
    const error = await configError(loadConfig({ cwd: dir, env: {} }));
    expect(error.message).not.toContain('hunter2');
    expect(error.cause).toBeUndefined();
  });
});

describe('loadConfig: environment variables', () => {
  it('override the file and merge into its nested sections', async () => {
    await writeConfig('switchyard.config.json', {
      proxy: 'http://file-proxy:1',
      logLevel: 'info',
      timeouts: { totalMs: 60_000, idleMs: 1000 },
      sse: { maxBufferSize: 10 },
    });
    const config = await loadConfig({
      cwd: dir,
      env: {
        SWITCHYARD_PROXY: 'socks5://env-proxy:1080',
        SWITCHYARD_LOG_LEVEL: 'debug',
        SWITCHYARD_COOKIES_DIR: '/var/cookies',
        SWITCHYARD_TIMEOUT_IDLE_MS: '2500',
        SWITCHYARD_TIMEOUT_CONNECT_MS: ' 300 ',
        SWITCHYARD_TIMEOUT_HEADERS_MS: '400',
        SWITCHYARD_TIMEOUT_FIRST_TOKEN_MS: '500',
        SWITCHYARD_SSE_MAX_BUFFER_SIZE: '4096',
      },
    });
    expect(config).toEqual({
      proxy: 'socks5://env-proxy:1080',
      logLevel: 'debug',
      cookiesDir: '/var/cookies',
      timeouts: { totalMs: 60_000, idleMs: 2500, connectMs: 300, headersMs: 400, firstTokenMs: 500 },
      sse: { maxBufferSize: 4096 },
    });
  });

  it('apply without a file', async () => {
    await expect(loadConfig({ cwd: dir, env: { SWITCHYARD_TIMEOUT_TOTAL_MS: '1000' } })).resolves.toEqual({
      timeouts: { totalMs: 1000 },
    });
  });

  it('treat empty values as unset', async () => {
    await writeConfig('switchyard.config.json', { logLevel: 'warn', timeouts: { idleMs: 7 } });
    const env = { SWITCHYARD_LOG_LEVEL: '', SWITCHYARD_TIMEOUT_IDLE_MS: '', SWITCHYARD_PROXY: '' };
    await expect(loadConfig({ cwd: dir, env })).resolves.toEqual({ logLevel: 'warn', timeouts: { idleMs: 7 } });
  });

  it('reject a non-integer timeout naming the variable', async () => {
    const error = await configError(loadConfig({ cwd: dir, env: { SWITCHYARD_TIMEOUT_IDLE_MS: 'abc' } }));
    expect(error.source).toBe('SWITCHYARD_TIMEOUT_IDLE_MS');
    expect(error.message).toContain('SWITCHYARD_TIMEOUT_IDLE_MS');
    expect(error.message).toContain('expected a positive integer in milliseconds, received "abc"');
  });

  it('reject zero and fractional values through the schema rules', async () => {
    const zero = await configError(loadConfig({ cwd: dir, env: { SWITCHYARD_TIMEOUT_TOTAL_MS: '0' } }));
    expect(zero.source).toBe('SWITCHYARD_TIMEOUT_TOTAL_MS');
    expect(zero.message).toContain('expected a positive integer, received 0');
    const fraction = await configError(loadConfig({ cwd: dir, env: { SWITCHYARD_SSE_MAX_BUFFER_SIZE: '1.5' } }));
    expect(fraction.source).toBe('SWITCHYARD_SSE_MAX_BUFFER_SIZE');
  });

  it('reject an unknown log level naming the variable and the choices', async () => {
    const error = await configError(loadConfig({ cwd: dir, env: { SWITCHYARD_LOG_LEVEL: 'verbose' } }));
    expect(error.source).toBe('SWITCHYARD_LOG_LEVEL');
    expect(error.message).toContain('expected one of "silent", "error", "warn", "info", "debug", received "verbose"');
  });

  it('never show the password of a rejected SWITCHYARD_PROXY', async () => {
    for (const proxy of ['ftp://bob:s3cr3t-pw@proxy.example:21', 'bob:s3cr3t-pw@proxy.example:8080']) {
      const error = await configError(loadConfig({ cwd: dir, env: { SWITCHYARD_PROXY: proxy } }));
      expect(error.source).toBe('SWITCHYARD_PROXY');
      expect(error.message).toContain('expected a proxy URL');
      expect(error.message).not.toContain('s3cr3t-pw');
    }
  });

  it('are not consulted when the file is invalid', async () => {
    const path = await writeConfig('switchyard.config.json', { logLevel: 'loud' });
    const error = await configError(loadConfig({ cwd: dir, env: { SWITCHYARD_LOG_LEVEL: 'debug' } }));
    expect(error.source).toBe(path);
  });
});

describe('configEnvironmentVariables', () => {
  it('lists each variable with the config key it sets', () => {
    const variables = configEnvironmentVariables();
    expect(variables).toEqual(
      expect.arrayContaining([
        { variable: 'SWITCHYARD_PROXY', key: 'proxy' },
        { variable: 'SWITCHYARD_COOKIES_DIR', key: 'cookiesDir' },
        { variable: 'SWITCHYARD_TIMEOUT_IDLE_MS', key: 'timeouts.idleMs' },
        { variable: 'SWITCHYARD_HEALTH_REDIS_URL', key: 'health.url' },
        { variable: 'SWITCHYARD_SSE_MAX_BUFFER_SIZE', key: 'sse.maxBufferSize' },
      ]),
    );
    expect(new Set(variables.map(({ variable }) => variable)).size).toBe(variables.length);
  });
});

describe('providerConfig', () => {
  const config = { providers: { OpenAI: { model: 'a' }, gemini: { model: 'b' }, Gemini: { model: 'c' } } };

  it('matches provider names case-insensitively', () => {
    expect(providerConfig(config, 'openai')).toEqual({ model: 'a' });
    expect(providerConfig(config, 'OPENAI')).toEqual({ model: 'a' });
  });

  it('prefers an exact match', () => {
    expect(providerConfig(config, 'Gemini')).toEqual({ model: 'c' });
    expect(providerConfig(config, 'gemini')).toEqual({ model: 'b' });
  });

  it('returns {} for an absent provider or section', () => {
    expect(providerConfig(config, 'anthropic')).toEqual({});
    expect(providerConfig(config, 'constructor')).toEqual({});
    expect(providerConfig({}, 'openai')).toEqual({});
  });
});
