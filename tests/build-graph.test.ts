import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Manifest {
  readonly name: string;
  readonly bin?: Readonly<Record<string, string>>;
  readonly scripts?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

interface BuildConfig {
  readonly compilerOptions?: { readonly composite?: boolean; readonly tsBuildInfoFile?: string };
  readonly references?: ReadonlyArray<{ readonly path: string }>;
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

async function workspacePackages(): Promise<Array<{ folder: string; manifest: Manifest }>> {
  const folders = await readdir(join(root, 'packages'));
  const found = folders.filter((folder) => existsSync(join(root, 'packages', folder, 'package.json')));
  return Promise.all(
    found.map(async (folder) => ({
      folder,
      manifest: await readJson<Manifest>(join(root, 'packages', folder, 'package.json')),
    })),
  );
}

describe('the build graph', () => {
  it('builds every package incrementally, after the packages it imports', async () => {
    const packages = await workspacePackages();
    const folderOf = new Map(packages.map(({ folder, manifest }) => [manifest.name, folder]));
    const rootConfig = await readJson<BuildConfig>(join(root, 'tsconfig.build.json'));
    const rootReferences = new Set((rootConfig.references ?? []).map((reference) => normalize(reference.path)));
    const problems: string[] = [];
    for (const { folder, manifest } of packages) {
      const configPath = join('packages', folder, 'tsconfig.build.json');
      if (!existsSync(join(root, configPath))) {
        problems.push(`${configPath} is missing`);
        continue;
      }
      const config = await readJson<BuildConfig>(join(root, configPath));
      if (!rootReferences.has(normalize(configPath)))
        problems.push(`tsconfig.build.json does not reference ${configPath}`);
      if (config.compilerOptions?.composite !== true) problems.push(`${configPath}: "composite": true is missing`);
      // Inside dist/, so deleting dist/ makes tsc -b build the package again.
      if (!config.compilerOptions?.tsBuildInfoFile?.startsWith('./dist/')) {
        problems.push(`${configPath}: "tsBuildInfoFile" must be inside ./dist/`);
      }
      if (manifest.scripts?.build !== 'tsc -b tsconfig.build.json') {
        problems.push(`packages/${folder}/package.json: the build script must be "tsc -b tsconfig.build.json"`);
      }
      const referenced = new Set((config.references ?? []).map((reference) => normalize(reference.path)));
      const imported = Object.keys({
        ...manifest.dependencies,
        ...manifest.devDependencies,
        ...manifest.peerDependencies,
      });
      for (const name of imported) {
        const dependency = folderOf.get(name);
        if (dependency === undefined || dependency === folder) continue;
        const path = normalize(`../${dependency}/tsconfig.build.json`);
        if (!referenced.has(path)) problems.push(`${configPath} must reference ${path} (it depends on ${name})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has every bin committed, so pnpm links it at install time, before any build', async () => {
    const bins = (await workspacePackages()).flatMap(({ folder, manifest }) =>
      Object.values(manifest.bin ?? {}).map((file) => join('packages', folder, file)),
    );
    expect(bins.length).toBeGreaterThan(0);
    for (const bin of bins) {
      expect(bin, `${bin} points into dist/, which does not exist before the build`).not.toMatch(/[\\/]dist[\\/]/);
      expect(existsSync(join(root, bin)), `${bin} is missing`).toBe(true);
    }
  });
});
