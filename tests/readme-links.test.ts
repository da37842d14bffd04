import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every README of the repository, tracked or new. */
async function readmes(): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', 'README.md', '**/README.md'],
    { cwd: root },
  );
  return stdout.split('\n').filter((file) => file !== '' && existsSync(join(root, file)));
}

/** A code span that names a file of the repository: under one of its top folders, or a Markdown file. */
function citesRepositoryFile(span: string, topFolders: ReadonlySet<string>): boolean {
  if (/\s|^[a-z]+:|^@|^\/|[<>*]/.test(span) || !span.includes('/')) return false;
  const first = span.replace(/^\.\//, '').split('/')[0] ?? '';
  return topFolders.has(first) || /\.md$/.test(span);
}

describe('the READMEs', () => {
  it('cites no file that does not exist, in a link or a code span', async () => {
    const topFolders = new Set(
      (await readdir(root, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory() && !['node_modules', '.git'].includes(entry.name))
        .map((entry) => entry.name),
    );
    const files = await readmes();
    expect(files).toContain('README.md');
    const broken: string[] = [];
    for (const file of files) {
      const text = await readFile(join(root, file), 'utf8');
      const here = dirname(join(root, file));
      const exists = (path: string) => existsSync(join(here, path)) || existsSync(join(root, path));
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:|^#/.test(target)) continue;
        const path = decodeURIComponent(target.replace(/#.*$/, ''));
        if (!existsSync(join(here, path))) broken.push(`${file}: link to ${target}`);
      }
      for (const [, span = ''] of text.matchAll(/`([^`\n]+)`/g)) {
        if (citesRepositoryFile(span, topFolders) && !exists(span.replace(/\/$/, ''))) {
          broken.push(`${file}: \`${span}\``);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
