import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
/** The committed launcher that `node_modules/.bin/switchyard-conformance` runs. */
const bin = fileURLToPath(new URL('../../bin/switchyard-conformance.js', import.meta.url));

async function conformance(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: tmpdir() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('switchyard-conformance usage', () => {
  it('prints its usage for --help and -h, and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await conformance([flag]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^usage: switchyard-conformance <subject-module> \[--export name\] \[--only prefix\]/);
      expect(stdout).toContain('--only prefix');
      expect(stderr).toBe('');
    }
  });

  it('tells a TypeScript subject to be built first or run through tsx, and exits 2', async () => {
    const { code, stderr } = await conformance(['src/my-conformance-subject.ts']);
    expect(code).toBe(2);
    expect(stderr).toContain('src/my-conformance-subject.ts is TypeScript, which node does not run: build it first');
    expect(stderr).toContain('npx tsx node_modules/@switchyard/testing/bin/switchyard-conformance.js');
    expect(stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });

  it('answers an unknown option with the usage, and exits 2', async () => {
    const { code, stderr } = await conformance(['--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--bogus'");
    expect(stderr).toContain('usage: switchyard-conformance');
  });
});
