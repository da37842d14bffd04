import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export interface DaemonSpec {
  /** For messages and the temp directory's name. */
  readonly name: string;
  readonly executable: string;
  /** The files to write into the daemon's own temp directory (config, user database), by name. */
  files(port: number, directory: string): Readonly<Record<string, string>>;
  /** Arguments that keep it in the foreground and point it at its files. */
  args(directory: string): readonly string[];
  /** Its environment, given its temp directory; the test process's own by default. */
  readonly env?: ((directory: string) => NodeJS.ProcessEnv) | undefined;
  /** Output that says it accepts connections. */
  readonly ready: RegExp;
  /** Output that says the port was taken meanwhile: it is started again on another. */
  readonly portTaken: RegExp;
}

export interface RunningDaemon {
  readonly port: number;
  readonly pid: number;
  /** Stops it and every process it forked, then removes its temp directory. */
  close(): Promise<void>;
}

const maxPortAttempts = 5;
/** Bounds for a daemon that hangs, not expectations of speed: startup is normally milliseconds. */
const startupDeadlineMs = 20_000;
const stopDeadlineMs = 10_000;
const keptOutputChars = 8_000;

/**
 * Starts a third-party daemon in the foreground on 127.0.0.1 and a free port, its config in a
 * temp directory of its own, in a process group of its own so that nothing it forked (dante forks
 * a process per stage of a connection) can outlive it.
 */
export async function startDaemon(spec: DaemonSpec): Promise<RunningDaemon> {
  const directory = await mkdtemp(join(tmpdir(), `switchyard-${spec.name}-`));
  try {
    // Daemons that drop privileges (dante's children run as nobody) still read these files.
    await chmod(directory, 0o755);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      for (const [file, content] of Object.entries(spec.files(port, directory))) {
        await writeFile(join(directory, file), content, { mode: 0o644 });
      }
      const outcome = await launch(spec, directory);
      if (outcome.kind === 'ready') {
        const { daemon } = outcome;
        let closing: Promise<void> | undefined;
        return {
          port,
          pid: daemon.child.pid ?? -1,
          close() {
            // Once: a second signal later could reach a reused process id.
            closing ??= stop(daemon).then(() => rm(directory, { recursive: true, force: true }));
            return closing;
          },
        };
      }
      if (!spec.portTaken.test(outcome.output) || attempt === maxPortAttempts) {
        throw new Error(`${spec.name} ${outcome.why} before accepting connections. Its output:\n${outcome.output}`);
      }
    }
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/** A started daemon and the moment every process of its group has let go of its output. */
interface Launched {
  readonly child: ChildProcess;
  readonly closed: Promise<void>;
}

type LaunchOutcome =
  | { readonly kind: 'ready'; readonly daemon: Launched }
  | { readonly kind: 'failed'; readonly why: string; readonly output: string };

async function launch(spec: DaemonSpec, directory: string): Promise<LaunchOutcome> {
  const child = spawn(spec.executable, spec.args(directory), {
    cwd: directory,
    env: spec.env?.(directory) ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Node emits `close` only once the daemon has exited and every holder of its output pipes
  // (each process it forked) has gone.
  const daemon: Launched = { child, closed: new Promise((resolve) => child.once('close', () => resolve())) };
  let output = '';
  const outcome = await new Promise<LaunchOutcome>((resolve) => {
    let settled = false;
    const settle = (result: LaunchOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const onOutput = (chunk: Buffer): void => {
      // Read to the end either way: a daemon blocked on a full pipe stops serving.
      if (settled) return;
      output = (output + chunk.toString('utf8')).slice(-keptOutputChars);
      if (spec.ready.test(output)) settle({ kind: 'ready', daemon });
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('error', (error) => settle({ kind: 'failed', why: `could not be started (${error.message})`, output }));
    child.once('exit', (code, signal) =>
      settle({ kind: 'failed', why: `exited (${signal ?? `code ${code}`})`, output }),
    );
    const deadline = setTimeout(
      () => settle({ kind: 'failed', why: `said nothing of accepting connections in ${startupDeadlineMs} ms`, output }),
      startupDeadlineMs,
    );
  });
  // A daemon that failed may have forked already: nothing of it is left running.
  if (outcome.kind === 'failed') await stop(daemon);
  return outcome;
}

/**
 * Asks the daemon to stop (dante then stops and reaps the processes it forked) and waits until
 * all of them have gone; a group that outlives the deadline is killed outright.
 */
async function stop({ child, closed }: Launched): Promise<void> {
  const { pid } = child;
  if (pid === undefined) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  }, stopDeadlineMs);
  try {
    await closed;
  } finally {
    clearTimeout(killer);
  }
}
