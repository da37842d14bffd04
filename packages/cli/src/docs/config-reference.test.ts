import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configReference, undescribedKeys } from './config-reference.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const regenerate = 'run `npx --yes pnpm@10.34.8 config-docs` and commit docs/configuration.md';

/** Variables of the operating system itself, which the reference need not explain. */
const systemVariables = new Set(['PATH']);

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes(`${join('src', 'test-support')}`));
}

describe('docs/configuration.md', () => {
  it('is what the schemas generate', async () => {
    const committed = await readFile(join(root, 'docs', 'configuration.md'), 'utf8');
    expect(committed, `docs/configuration.md is out of date: ${regenerate}`).toBe(configReference());
  });

  it('describes every config key', () => {
    expect(undescribedKeys(), `give these keys' zod schemas a .describe('…'), then ${regenerate}`).toEqual([]);
  });

  it('lists every environment variable the packages read', async () => {
    const reference = await readFile(join(root, 'docs', 'configuration.md'), 'utf8');
    const packages = join(root, 'packages');
    const read = new Set<string>();
    for (const name of await readdir(packages)) {
      for (const file of await sourceFiles(join(packages, name, 'src')).catch(() => [])) {
        const text = await readFile(file, 'utf8');
        for (const match of text.matchAll(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]+)\b/g)) read.add(match[1] ?? '');
        for (const match of text.matchAll(/['"](SWITCHYARD_[A-Z0-9_]+)['"]/g)) read.add(match[1] ?? '');
      }
    }
    expect(read.size).toBeGreaterThan(5);
    const missing = [...read].filter((name) => !systemVariables.has(name) && !reference.includes(`\`${name}\``));
    expect(missing, 'add them to the variables in packages/cli/src/docs/config-reference.ts').toEqual([]);
  });
});
