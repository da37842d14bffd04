import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { loadConfig } from './load-config.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-gateway-config-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(config: unknown, env: NodeJS.ProcessEnv = {}) {
  await writeFile(join(dir, 'switchyard.config.json'), JSON.stringify(config));
  return loadConfig({ cwd: dir, env });
}

async function problem(config: unknown, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const error = await load(config, env).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ConfigurationError.isInstance(error)).toBe(true);
  return (error as ConfigurationError).message;
}

describe('the gateway’s sections of the config', () => {
  it('reads chains as lists or with a retry policy, keys and limits', async () => {
    const config = {
      chains: { default: ['OpenAI', 'Anthropic'], patient: { providers: ['OpenAI'], retry: { attempts: 3 } } },
      keys: ['sk-one', 'sk-two'],
      gateway: { maxConcurrentRequests: 100, shutdownGraceMs: 0 },
    };
    await expect(load(config)).resolves.toEqual(config);
  });

  it('names a bad chain, limit or key, without showing the key', async () => {
    expect(await problem({ chains: { main: [] } })).toContain('chains.main');
    expect(await problem({ chains: { main: { providers: ['A'], retry: { tries: 2 } } } })).toContain('chains.main');
    expect(await problem({ gateway: { maxMessages: 0 } })).toContain('gateway.maxMessages');
    expect(await problem({ gateway: { queue: 5 } })).toContain('unknown key "queue"');
    const keyProblem = await problem({ keys: ['', 4242424242] });
    expect(keyProblem).toContain('keys[0]');
    expect(keyProblem).toContain('keys[1]');
    expect(keyProblem).not.toContain('4242424242');
  });

  it('takes keys from SWITCHYARD_GATEWAY_KEYS over the file, comma-separated', async () => {
    const config = await load({ keys: ['from-file'] }, { SWITCHYARD_GATEWAY_KEYS: ' key-a, key-b ,' });
    expect(config.keys).toEqual(['key-a', 'key-b']);
    await expect(load({ keys: ['from-file'] }, { SWITCHYARD_GATEWAY_KEYS: '' })).resolves.toEqual({
      keys: ['from-file'],
    });
    expect(await problem({ keys: ['from-file'] }, { SWITCHYARD_GATEWAY_KEYS: ' , ' })).toContain(
      'expected one or more comma-separated keys',
    );
  });
});
