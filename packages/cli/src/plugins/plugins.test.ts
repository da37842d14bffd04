import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '@switchyard/health-redis/testing';
import { closedPort, type OpenAICompatibleServer, startOpenAICompatibleServer } from '@switchyard/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, runCliToEnd } from '../test-support/cli-process.js';

/** The repository's example: a provider of one's own, written outside every package. */
const examplePlugin = fileURLToPath(new URL('../../../../examples/my-provider.js', import.meta.url));

let server: OpenAICompatibleServer | undefined;
let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchyard-plugins-'));
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(scratch, { recursive: true, force: true });
});

const run = (args: string[]) => runCliToEnd(args, { cwd: scratch, env: cleanEnv() });

describe('a plugin provider', () => {
  it('answers in chat, named by --plugin', { timeout: 30_000 }, async () => {
    server = await startOpenAICompatibleServer({ apiKey: 'sk-plugin' });
    server.enqueueReply({ tokens: ['from', ' my provider'] });
    const { code, stdout, stderr } = await run([
      'chat',
      'Hi',
      '--plugin',
      examplePlugin,
      '--provider',
      'MyProvider',
      '--base-url',
      server.url,
      '--api-key',
      'sk-plugin',
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe('from my provider\n');
    expect(stderr).toContain('served by MyProvider');
  });

  it('takes over in a --fallback chain, loaded and configured from the config file', { timeout: 30_000 }, async () => {
    server = await startOpenAICompatibleServer({ apiKey: 'sk-plugin' });
    server.enqueueReply({ tokens: ['the plugin took over'] });
    // A relative plugin path in a config file is relative to that file.
    await writeFile(join(scratch, 'my-provider.js'), `export * from ${JSON.stringify(examplePlugin)};\n`);
    await writeFile(
      join(scratch, 'switchyard.config.json'),
      JSON.stringify({
        plugins: ['./my-provider.js'],
        providers: { MyProvider: { baseUrl: server.url, apiKey: 'sk-plugin' } },
      }),
    );
    const dead = `http://127.0.0.1:${await closedPort()}/v1`;
    const { code, stdout, stderr } = await run(['chat', 'Hi', '--fallback', 'Dead,MyProvider', '--base-url', dead]);
    expect(code).toBe(0);
    expect(stdout).toBe('the plugin took over\n');
    expect(stderr).toMatch(/^Dead failed: could not connect to/);
    expect(stderr).toContain('served by MyProvider');
  });

  it('is found by package name in the project the command runs in', async () => {
    const dir = join(scratch, 'node_modules', 'switchyard-plugin-mine');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'switchyard-plugin-mine', type: 'module', exports: './index.js' }),
    );
    await writeFile(join(dir, 'index.js'), `export * from ${JSON.stringify(examplePlugin)};\n`);
    await writeFile(join(scratch, 'switchyard.config.json'), JSON.stringify({ plugins: ['switchyard-plugin-mine'] }));
    const { code, stdout } = await run(['providers']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^MyProvider +yes +yes /m);
  });

  it('has its section checked when the config is loaded', async () => {
    await writeFile(
      join(scratch, 'switchyard.config.json'),
      JSON.stringify({ plugins: [examplePlugin], providers: { MyProvider: { baseUrl: 'http://x/v1', apiKye: 'k' } } }),
    );
    const { code, stderr } = await run(['providers']);
    expect(code).toBe(2);
    expect(stderr).toContain('providers.MyProvider: unknown key "apiKye" (did you mean "apiKey"?)');
  });

  it('is listed by providers and run by conformance', { timeout: 120_000 }, async () => {
    const listed = await run(['providers', '--plugin', examplePlugin]);
    expect(listed.stdout).toMatch(/^MyProvider +yes +yes +not observed +1 +http:\/\/127\.0\.0\.1:8080\/v1$/m);
    const { code, stdout, stderr } = await run(['conformance', '--plugin', examplePlugin, '--provider', 'MyProvider']);
    expect(stderr).toMatch(/^✔ MyProvider: \d+ passed, \d+ skipped\n$/);
    expect(code).toBe(0);
    expect(stdout).toContain('Conformance of MyProvider');
    expect(stdout).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/m);
  });
});

describe('a plugin that cannot be used', () => {
  it.each([
    ['throws while loading', 'throw new Error("no database here");\n', 'failed while loading: no database here'],
    [
      'exports nothing a plugin exports',
      'export const something = 1;\n',
      'exports neither register(container), which registers its providers, nor conformanceSubjects',
    ],
    [
      'exports register, but not a function',
      'export const register = 42;\n',
      'exports register, but not as a function (container) => void',
    ],
    [
      'fails in register',
      'export function register() { throw new Error("missing setting"); }\n',
      'register(container) failed: missing setting',
    ],
  ])('is a clear error naming the module when it %s', async (_label, source, problem) => {
    await writeFile(join(scratch, 'broken.js'), source);
    const { code, stderr } = await run(['chat', 'Hi', '--plugin', './broken.js']);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: plugin "./broken.js": ${problem}\n`);
  });

  it('closes the Redis connections of the health store when a plugin fails in register', async () => {
    const redis = await startRedisServer();
    try {
      await writeFile(
        join(scratch, 'broken.js'),
        'export function register() { throw new Error("missing setting"); }\n',
      );
      await writeFile(join(scratch, 'switchyard.config.json'), JSON.stringify({ health: { url: redis.url } }));
      // With a connection left open the process would not end, and this would time out.
      const { code, stderr } = await run(['chat', 'Hi', '--plugin', './broken.js']);
      expect(stderr).toBe('error: plugin "./broken.js": register(container) failed: missing setting\n');
      expect(code).toBe(2);
    } finally {
      await redis.stop();
    }
  });

  it('tells a TypeScript plugin to be built first or run through tsx', async () => {
    const { code, stderr } = await run(['chat', 'Hi', '--plugin', './my-provider.ts']);
    expect(code).toBe(2);
    expect(stderr).toContain('plugin "./my-provider.ts": is TypeScript, which node does not run: build it first (tsc)');
  });

  it('says a package that is not installed is not installed, where it looked', async () => {
    const { code, stderr } = await run(['chat', 'Hi', '--plugin', 'switchyard-plugin-nowhere']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `plugin "switchyard-plugin-nowhere": cannot be found, no such package from ${scratch} (install it there: npm install switchyard-plugin-nowhere)`,
    );
  });
});
