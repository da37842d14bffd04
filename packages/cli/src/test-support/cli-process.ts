import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** The committed launcher, as `node_modules/.bin/switchyard` runs it. */
export const cliBin = fileURLToPath(new URL('../../bin/switchyard.js', import.meta.url));

/**
 * The environment a user without any of our variables has: the tests' own machine may have
 * provider keys or SWITCHYARD_* set, and vitest sets colour variables for itself.
 */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(SWITCHYARD_|OPENAI_|ANTHROPIC_)|^(FORCE_COLOR|NO_COLOR|NODE_OPTIONS)$/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

export interface CliRun {
  readonly child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once stdout contains `text`; rejects if the process exits first. */
  waitForStdout(text: string): Promise<void>;
  waitForStderr(text: string): Promise<void>;
  /** The exit code, or 128 + the signal number's conventional value is not applied: null when killed. */
  exit(): Promise<number | null>;
}

export interface CliOptions {
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly cwd?: string | undefined;
}

/** Children still running when their test ends, whether it passed or failed on the way. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** `switchyard ARGS` as a child process, with pipes for stdout and stderr (not a terminal). */
export function startCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const child = spawn(process.execPath, [cliBin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: options.cwd ?? tmpdir(),
    env: options.env ?? cleanEnv(),
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const output = { stdout: '', stderr: '' };
  const waitFor = (stream: 'stdout' | 'stderr', text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output[stream].includes(text)) {
          child[stream]?.off('data', check);
          resolve();
        }
      };
      child[stream]?.on('data', check);
      child.once('exit', () => reject(new Error(`exited before writing ${text}: ${output.stderr}`)));
      check();
    });
  child.stdout?.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  return {
    child,
    get stdout() {
      return output.stdout;
    },
    get stderr() {
      return output.stderr;
    },
    waitForStdout: (text) => waitFor('stdout', text),
    waitForStderr: (text) => waitFor('stderr', text),
    exit: async () => {
      if (child.exitCode !== null) return child.exitCode;
      if (child.signalCode !== null) return null;
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

/** Runs `switchyard ARGS` to its end. */
export async function runCliToEnd(
  args: readonly string[],
  options: CliOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, options);
  const code = await run.exit();
  // 'exit' can come before the last 'data' of the pipes.
  await Promise.all(
    [run.child.stdout, run.child.stderr].map((stream) => stream && !stream.readableEnded && once(stream, 'end')),
  );
  return { code, stdout: run.stdout, stderr: run.stderr };
}

/** A word as `sh` reads it, whatever it holds. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * A user's terminal: one that takes colours. Without CI, which makes Node's `hasColors()` say
 * no to colour on any terminal (as `.ci/run` sets it).
 */
function terminalEnv(): NodeJS.ProcessEnv {
  const { CI: _ci, ...env } = cleanEnv({ TERM: 'xterm-256color' });
  return env;
}

/**
 * `shellCommand` run by `sh` on a real pseudo-terminal (util-linux `script`): whatever it does not
 * redirect writes to a terminal, which is what `output` shows, escape codes and all.
 */
export async function runInTerminal(
  shellCommand: string,
  options: CliOptions = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn('script', ['-q', '-e', '-c', shellCommand, '/dev/null'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: options.cwd ?? tmpdir(),
    env: options.env ?? terminalEnv(),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (!child.stdout.readableEnded) await once(child.stdout, 'end');
  return { code, output };
}
