import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closedPort, startAnthropicServer, startOpenAssistantServer } from '@switchyard/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const packages = ['core', 'provider-openai-compatible', 'provider-openassistant', 'provider-anthropic'];

/** The README's main example, exactly as the README shows it. */
async function mainExample(): Promise<string> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const block = /<!-- main-example[^>]*-->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no main-example block');
  return block;
}

/**
 * An app outside the workspace, as a user makes one: the packed tarballs, and its own tsyringe,
 * reflect-metadata and zod from the registry (the packages' peers). One copy of each, so DI
 * resolves what the packages registered.
 */
async function installApp(dir: string): Promise<void> {
  const pnpm = ['--yes', 'pnpm@10.34.8'];
  for (const name of packages) {
    await run('npx', [...pnpm, 'pack', '--pack-destination', dir], { cwd: join(root, 'packages', name) });
  }
  const tarballs = (await readdir(dir)).filter((file) => file.endsWith('.tgz'));
  const local = Object.fromEntries(
    tarballs.map((file) => [
      `@switchyard/${file.replace(/^switchyard-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`,
      `file:./${file}`,
    ]),
  );
  const manifest = {
    name: 'an-app',
    private: true,
    type: 'module',
    dependencies: { ...local, 'reflect-metadata': '^0.2.2', tsyringe: '^4.10.0', zod: '^4.1.0' },
    // The providers ask for @switchyard/core by version; this app has it as a tarball.
    overrides: { '@switchyard/core': '$@switchyard/core' },
  };
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
}

describe('the packed packages in an app of its own', () => {
  it('run the README main example: a dead first provider, the second serves', { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-app-'));
    const anthropic = await startAnthropicServer({ apiKey: 'sk-ant-app' });
    const openAssistant = await startOpenAssistantServer();
    try {
      await installApp(dir);
      await writeFile(join(dir, 'main.mjs'), await mainExample());
      const { stdout, stderr } = await run('node', ['main.mjs'], {
        cwd: dir,
        env: {
          ...process.env,
          OLLAMA_URL: `http://127.0.0.1:${await closedPort()}/v1`,
          ANTHROPIC_URL: anthropic.baseUrl,
          ANTHROPIC_API_KEY: 'sk-ant-app',
          OPEN_ASSISTANT_URL: openAssistant.url,
          OA_SESSION: openAssistant.sessionToken,
        },
      });
      expect(stderr).toContain('[served by Anthropic]');
      expect(stderr).toContain('again, from Anthropic after 2 attempt(s)');
      expect(stdout).toBe('Hello from Anthropic.');
      expect(anthropic.requests).toHaveLength(2);
    } finally {
      await anthropic.close();
      await openAssistant.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
