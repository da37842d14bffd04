import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { closedPort } from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const execute = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const pnpm = 'npx --yes pnpm@10.34.8';

/** A new user's environment: none of our variables or provider keys, no colour settings from vitest. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(SWITCHYARD_|OPENAI_|ANTHROPIC_|VITEST|npm_)|^(FORCE_COLOR|NO_COLOR|NODE_OPTIONS)$/.test(name),
    ),
  );
  return { ...env, ...extra };
}

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let clone: string;
let scratch: string;

/** A shell command in the clone, as the user types it. */
async function shell(command: string, env: Record<string, string> = {}): Promise<Ran> {
  try {
    const { stdout, stderr } = await execute('bash', ['-c', command], {
      cwd: clone,
      env: userEnv(env),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** `switchyard ARGS` as `pnpm exec` would run it: the clone's own bin. */
const switchyard = (args: string) => shell(`node_modules/.bin/switchyard ${args}`);

interface Background {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<string>;
}

/** A command left running in its own process group, stopped as Ctrl-C stops it. */
async function inBackground(command: string, ready: string): Promise<Background> {
  const child = spawn('bash', ['-c', command], { cwd: clone, env: userEnv(), detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit');
  while (!stdout.includes(ready)) {
    // A command that exits without a word must not leave this waiting for data that never comes.
    const ended = await Promise.race([once(child.stdout, 'data').then(() => false), exited.then(() => true)]);
    if (ended) throw new Error(`${command} exited: ${stdout}${stderr}`);
  }
  return {
    child,
    output: () => stdout,
    async stop() {
      if (child.stderr.closed) return stderr;
      const closed = once(child.stderr, 'close');
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
      await closed;
      return stderr;
    },
  };
}

const chatLineOf = (printed: string) => /^ {2}switchyard (chat .*)$/m.exec(printed)?.[1] ?? '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchyard-newcomer-'));
  clone = join(scratch, 'switchyard');
  // What the user has: the repository's committed tree, nothing built, nothing installed.
  await execute('git', ['clone', '--quiet', root, clone]);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('a new user, from a fresh clone', () => {
  it('installs quietly, starts the demo, has switchyard, and starts again without rebuilding', {
    timeout: 900_000,
  }, async () => {
    // The first quick-start command, as the README writes it. `nice`: the build shares the
    // machine with the other tests.
    const install = await shell(`${pnpm} install`);
    expect(install.code).toBe(0);
    expect(`${install.stdout}${install.stderr}`).not.toContain('Failed to create bin');
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/\bWARN\b/);
    const start = await shell(`nice -n 10 ${pnpm} start`);
    expect(start.code).toBe(0);
    expect(start.stdout).toContain('One answer through the fallback chain');
    expect(start.stdout).toContain('Conformance of OpenAssistant');

    const help = await shell(`${pnpm} exec switchyard --help`);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: switchyard [options] [command]');
    expect(help.stdout).toMatch(/^ {2}emulate \[options\]/m);

    // An unchanged tree is not built again: no output file is written by the second start.
    const built = join(clone, 'packages', 'core', 'dist', 'index.js');
    const before = (await stat(built)).mtimeMs;
    const again = await shell(`${pnpm} start`);
    expect(again.code).toBe(0);
    expect((await stat(built)).mtimeMs).toBe(before);
  });

  it('talks to an emulator, falls back past a dead provider, and uses a provider of its own', {
    timeout: 300_000,
  }, async () => {
    const openAssistant = await inBackground('node_modules/.bin/switchyard emulate', 'Ctrl-C stops it.');
    let openAI: Background | undefined;
    try {
      openAI = await inBackground('node_modules/.bin/switchyard emulate --protocol openai', 'Ctrl-C stops it.');
      const line = chatLineOf(openAssistant.output());
      const asked = await switchyard(line);
      expect(asked.code).toBe(0);
      expect(asked.stdout).toMatch(/^Hello from the Open Assistant emulator\. .*\n$/);
      expect(asked.stderr).toBe('served by OpenAssistant\n');

      // A chain whose first provider is down; Open Assistant's URL from a config file.
      const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(openAssistant.output())?.[1] ?? '';
      const cookie = /--cookie (\S+)/.exec(line)?.[1] ?? '';
      const config = join(scratch, 'switchyard.config.json');
      await writeFile(config, JSON.stringify({ providers: { OpenAssistant: { baseUrl: url } } }));
      const dead = `http://127.0.0.1:${await closedPort()}/v1`;
      // On a terminal, stdout and stderr interleave as the user sees them: the failure comes first.
      const chain = await shell(
        `script -q -e -c "node_modules/.bin/switchyard chat Hello --fallback Dead,OpenAssistant --base-url ${dead} --cookie ${cookie} --config ${config}" /dev/null`,
        { TERM: 'xterm-256color' },
      );
      expect(chain.code).toBe(0);
      const failed = chain.stdout.indexOf('Dead failed: could not connect to');
      expect(failed).toBeGreaterThan(0);
      expect(chain.stdout.indexOf('Hello from the Open Assistant emulator')).toBeGreaterThan(failed);

      // A provider of one's own, as a plugin, in chat and in the conformance suite.
      const openAIChat = chatLineOf(openAI.output());
      const openAIUrl = /--base-url (\S+)/.exec(openAIChat)?.[1] ?? '';
      const own = await switchyard(
        `chat Hello --plugin ./examples/my-provider.js --provider MyProvider --base-url ${openAIUrl} --api-key sk-switchyard-emulator`,
      );
      expect(own.code).toBe(0);
      expect(own.stdout).toMatch(/^Hello from the OpenAI emulator\./);
      expect(own.stderr).toBe('served by MyProvider\n');
      const suite = await switchyard('conformance --plugin ./examples/my-provider.js --provider MyProvider');
      expect(suite.stderr).toMatch(/^✔ MyProvider: \d+ passed, \d+ skipped\n$/);
      expect(suite.code).toBe(0);

      // Into a pipe that closes: quietly, with the status of a closed pipe.
      const piped = await shell(
        `node_modules/.bin/switchyard ${line} 2> ${join(scratch, 'piped.err')} | head -c 20; echo " status=\${PIPESTATUS[0]}"; cat ${join(scratch, 'piped.err')}`,
      );
      expect(piped.stdout).toBe('Hello from the Open  status=141\n');
    } finally {
      const stopped = await Promise.all([openAssistant.stop(), openAI?.stop()]);
      expect(stopped).toEqual([
        expect.stringContaining('emulator stopped'),
        openAI === undefined ? undefined : expect.stringContaining('emulator stopped'),
      ]);
    }
  });

  it.each([
    ['chat Hi', 2, 'OpenAssistant points at https://open-assistant.io, which is gone'],
    ['chat Hi --provider Olama', 2, '--provider Olama --base-url http://HOST:PORT/v1'],
    ['chat Hi --provider OpenAI --fallback OpenAI,Anthropic', 2, '--provider and --fallback cannot be used together'],
    ['chat Hi --provider OpenAI', 3, 'Give it an API key: OPENAI_API_KEY, --api-key KEY'],
    ['chat Hi --base-url http://127.0.0.1:9 --cookies nope.json', 2, '--cookies nope.json: no such file'],
    ['chat Hi --provider Local --base-url http://127.0.0.1:9/v1 --temperature 5', 2, '--temperature: at most 2, got 5'],
    [
      'chat Hi --provider Local --base-url http://switchyard-test.invalid/v1',
      1,
      'could not resolve host switchyard-test.invalid',
    ],
    ['chat Hi --plugin ./my-provider.ts', 2, 'is TypeScript, which node does not run: build it first'],
    ['chat Hi --plugin ./nowhere.js', 2, 'plugin "./nowhere.js": cannot be found'],
    ['emulate --protocol gemini', 2, 'Allowed choices are openassistant, openai, anthropic'],
  ])('is told what to do after `switchyard %s` (exit %i)', { timeout: 60_000 }, async (args, code, message) => {
    const ran = await switchyard(args);
    expect(ran.stderr).toContain(message);
    expect(ran.code).toBe(code);
  });

  it('is told what switchyard-conformance takes', async () => {
    const help = await shell('node_modules/.bin/switchyard-conformance --help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: switchyard-conformance <subject-module>');
    const typeScript = await shell('node_modules/.bin/switchyard-conformance src/subject.ts');
    expect(typeScript.code).toBe(2);
    expect(typeScript.stderr).toContain('build it first');
  });
});
