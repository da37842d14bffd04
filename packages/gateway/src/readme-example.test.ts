import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

it('the README’s example runs as written and is served by the second provider', { timeout: 60_000 }, async () => {
  const readme = await readFile(`${packageRoot}README.md`, 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  // Inside the package, so its imports resolve as a user's would; the example is plain JavaScript too.
  const folder = `${packageRoot}node_modules/.cache/readme-example-${process.pid}`;
  await mkdir(folder, { recursive: true });
  try {
    await writeFile(`${folder}/example.mjs`, example ?? '');
    const { stdout } = await promisify(execFile)(process.execPath, [`${folder}/example.mjs`], { timeout: 50_000 });
    expect(stdout).toBe('Lorem ipsum dolor sit amet, consectetur adipiscing elit.\nserved by Local\n');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
