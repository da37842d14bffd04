import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { closedPort } from '@switchyard/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const pinnedPnpm = 'npx --yes pnpm@10.34.8';

/** A user's environment: none of our variables, no provider keys, no colour settings from vitest. */
function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(SWITCHYARD_|OPENAI_|ANTHROPIC_)|^(FORCE_COLOR|NO_COLOR|NODE_OPTIONS)$/.test(name),
    ),
  );
}

async function readme(): Promise<string> {
  return readFile(join(root, 'README.md'), 'utf8');
}

/** The fenced block right after a marker comment. */
function blockAfter(text: string, marker: string): string {
  const block = new RegExp(`<!-- ${marker}:[^>]*-->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(text)?.[1];
  if (block === undefined) throw new Error(`README.md has no block marked ${marker}`);
  return block;
}

async function shell(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('sh', ['-c', command], { cwd: root, env: userEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * Ctrl-C as a terminal sends it: to the whole foreground process group (sh, npx, pnpm, node).
 * Resolves with what the group wrote to stderr once every process in it has let go of the pipe.
 */
async function interrupt(child: ChildProcess, stderr: () => string): Promise<string> {
  const closed = child.stderr?.readableEnded === true ? Promise.resolve() : once(child.stderr ?? child, 'close');
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      // The group is gone already.
    }
  }
  await closed;
  return stderr();
}

describe('the README', () => {
  it('has a quick start of exactly two commands, each working with only Node and npm', async () => {
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(await readme())?.[1];
    expect(quickStart).toBe(
      `${pinnedPnpm} install && ${pinnedPnpm} start\n${pinnedPnpm} install && ${pinnedPnpm} test\n`,
    );
  });

  it('runs pnpm in every README only as the pinned npx --yes pnpm@10.34.8', async () => {
    const { stdout } = await run(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', '**/README.md', 'README.md'],
      {
        cwd: root,
      },
    );
    const bare: string[] = [];
    for (const file of stdout.split('\n').filter((line) => line !== '')) {
      const text = await readFile(join(root, file), 'utf8').catch(() => '');
      const commands =
        /(?<!npx --yes )\bpnpm (?=(install|build|test|start|bench|lint|format|typecheck|exec|run|add|config-docs)\b)/g;
      for (const match of text.matchAll(commands)) {
        bare.push(`${file}: ${text.slice(match.index, match.index + 30).split('\n')[0]}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('shows the config of its chain as examples/switchyard.config.json holds it', async () => {
    const shown = JSON.parse(blockAfter(await readme(), 'try-it-config')) as unknown;
    const file = JSON.parse(await readFile(join(root, 'examples', 'switchyard.config.json'), 'utf8')) as unknown;
    expect(shown).toEqual(file);
  });

  it('runs the try-it commands as written', { timeout: 240_000 }, async () => {
    const text = await readme();
    const alias = /alias switchyard='([^']+)'/.exec(text)?.[1];
    expect(alias).toBe(`${pinnedPnpm} exec switchyard`);
    // The ports the README uses are the user's to pick; here they must be free (and 11434 closed).
    const port = String(await closedPort());
    const deadPort = String(await closedPort());
    const scratch = await mkdtemp(join(tmpdir(), 'switchyard-readme-'));
    const config = join(scratch, 'switchyard.config.json');
    const exampleConfig = await readFile(join(root, 'examples', 'switchyard.config.json'), 'utf8');
    await writeFile(config, exampleConfig.replaceAll('8080', port).replaceAll('11434', deadPort));
    const commands = blockAfter(text, 'try-it')
      .split('\n')
      .filter((line) => line.startsWith('switchyard '))
      .map((line) =>
        line
          .replace(/^switchyard /, `${alias} `)
          .replaceAll('8080', port)
          .replace('examples/switchyard.config.json', config),
      );
    const [emulate, chat, chain, plugin, conformance, ...rest] = commands;
    expect(rest).toEqual([]);
    const emulator = spawn('sh', ['-c', emulate ?? ''], { cwd: root, env: userEnv(), detached: true });
    let emulatorErrors = '';
    emulator.stderr.on('data', (chunk: Buffer) => {
      emulatorErrors += chunk.toString();
    });
    try {
      let printed = '';
      emulator.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
      });
      const exited = once(emulator, 'exit');
      while (!printed.includes('Ctrl-C stops it.')) {
        // An emulator that exits without a word must not leave this waiting for data that never comes.
        const ended = await Promise.race([once(emulator.stdout, 'data').then(() => false), exited.then(() => true)]);
        if (ended) throw new Error(`emulate exited: ${printed}${emulatorErrors}`);
      }
      expect(printed).toContain(`  switchyard ${/^\S+ \S+ \S+ exec switchyard (.*)$/.exec(chat ?? '')?.[1]}`);
      const answer =
        'Hello from the OpenAI emulator. It answers every prompt with these words, one at a time, so you can watch Switchyard stream them.\n';

      const asked = await shell(chat ?? '');
      expect(asked).toMatchObject({ code: 0, stdout: answer });
      expect(asked.stderr).toContain('served by OpenAI');

      const chained = await shell(chain ?? '');
      expect(chained).toMatchObject({ code: 0, stdout: answer });
      expect(chained.stderr).toMatch(
        /^Ollama failed: could not connect to http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/m,
      );
      expect(chained.stderr).toContain('served by Local');

      const own = await shell(plugin ?? '');
      expect(own).toMatchObject({ code: 0, stdout: answer });
      expect(own.stderr).toContain('served by MyProvider');

      const suite = await shell(conformance ?? '');
      expect(suite.stderr).toMatch(/✔ MyProvider: \d+ passed, \d+ skipped/);
      expect(suite.code).toBe(0);
    } finally {
      const stopped = await interrupt(emulator, () => emulatorErrors);
      await rm(scratch, { recursive: true, force: true });
      expect(stopped).toContain('emulator stopped');
    }
  });
});
