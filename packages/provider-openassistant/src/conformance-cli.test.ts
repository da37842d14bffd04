import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = join(
  dirname(createRequire(import.meta.url).resolve('@switchyard/testing')),
  'conformance',
  'conformance-cli.js',
);
const builtSubject = fileURLToPath(new URL('../dist/openassistant-conformance-subject.js', import.meta.url));

let scratch: string | undefined;
afterEach(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

async function conformance(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the switchyard-conformance command', () => {
  it('prints the table for OpenAssistant and exits 0', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await conformance([builtSubject, '--only', 'streaming.', '--only', 'errors.']);
    expect(code).toBe(0);
    expect(stdout).toContain('Conformance of OpenAssistant');
    expect(stdout).toMatch(/\| pass {3}\| streaming\.incremental/);
    expect(stdout).toMatch(/^12 passed, 0 failed, 0 skipped$/m);
    expect(stderr).toMatch(/pass {2}errors\.auth/);
  });

  it('exits 1 with the reasons when a provider fails checks', { timeout: 60_000 }, async () => {
    scratch = await mkdtemp(join(tmpdir(), 'switchyard-conformance-'));
    const broken = join(scratch, 'no-credentials.js');
    // The real provider, but without the session cookie: every call is refused.
    await writeFile(
      broken,
      `import subject from ${JSON.stringify(builtSubject)};\n` +
        'export default { ...subject, createProvider: (target) => subject.createProvider({ ...target, credentials: {} }) };\n',
    );
    const { code, stdout } = await conformance([broken, '--only', 'streaming.yields-strings', '--only', 'errors.auth']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\| FAIL {3}\| streaming\.yields-strings \| the stream failed: MissingAuthError/);
    expect(stdout).toMatch(/^1 passed, 1 failed, 0 skipped$/m);
  });

  it('exits 2 with the usage on a module that exports no subject', async () => {
    const { code, stderr } = await conformance([fileURLToPath(import.meta.url).replace(/\.test\.ts$/, '.missing.js')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot find module|usage/);
  });
});
