import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServerTls {
  /** Paths to PEM files. */
  readonly certFile: string;
  readonly keyFile: string;
  readonly caFile: string;
}

export interface StartRedisServerOptions {
  /** `requirepass`: clients must AUTH with it. */
  readonly password?: string | undefined;
  /** Serves TLS only (no plain port), with these files. */
  readonly tls?: RedisServerTls | undefined;
  /** The `redis-server` to run; `SWITCHYARD_REDIS_SERVER`, else `redis-server` on the PATH. */
  readonly command?: string | undefined;
}

export interface RunningRedisServer {
  /** `redis://` (or `rediss://`) with the password when there is one. */
  readonly url: string;
  readonly port: number;
  /** The process id of the server running now. */
  readonly pid: number;
  /** SIGSTOP: the server keeps its connections and answers nothing until `resume`. */
  pause(): void;
  resume(): void;
  /** SIGKILL, as when the machine under it dies. */
  kill(): Promise<void>;
  /** A new, empty server on the same port (after `kill` or `stop`). */
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/**
 * A real `redis-server` (Debian's package) on 127.0.0.1 and a free port, in a temporary
 * directory, persisting nothing, for tests and benchmarks. Resolves once it accepts connections.
 */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RunningRedisServer> {
  const command = options.command ?? process.env.SWITCHYARD_REDIS_SERVER ?? 'redis-server';
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-redis-'));
  let port = await freePort();
  let child: ChildProcess;
  try {
    child = await launch(command, dir, port, options).catch(async () => {
      // The free port was taken in between by someone else: once more on another.
      port = await freePort();
      return launch(command, dir, port, options);
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const scheme = options.tls === undefined ? 'redis' : 'rediss';
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const end = async (signal: NodeJS.Signals) => {
    if (exited()) return;
    const gone = once(child, 'exit');
    child.kill(signal);
    // A paused server only acts on SIGTERM once it runs again.
    child.kill('SIGCONT');
    await gone;
  };
  return {
    url: `${scheme}://${auth}127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid ?? -1;
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    kill: () => end('SIGKILL'),
    async restart() {
      await end('SIGKILL');
      child = await launch(command, dir, port, options);
    },
    async stop() {
      await end('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const startupLimitMs = 20_000;

async function launch(command: string, dir: string, port: number, options: StartRedisServerOptions) {
  const args = ['--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  args.push('--loglevel', 'notice', '--logfile', '', '--protected-mode', 'no');
  if (options.tls === undefined) {
    args.push('--port', String(port));
  } else {
    args.push('--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no');
    args.push('--tls-cert-file', options.tls.certFile, '--tls-key-file', options.tls.keyFile);
    args.push('--tls-ca-cert-file', options.tls.caFile);
  }
  if (options.password !== undefined) args.push('--requirepass', options.password);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let deadline: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve, reject) => {
    // A server that never says it is ready is stopped, not waited on for ever.
    deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not accept connections within ${startupLimitMs} ms:\n${output.slice(-2000)}`));
    }, startupLimitMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${command} was not found: install Debian's redis-server package (apt-get install redis-server)`)
          : error,
      ),
    );
    child.once('exit', (code, signal) =>
      reject(
        new Error(`redis-server exited (${signal ?? code}) before accepting connections:\n${output.slice(-2000)}`),
      ),
    );
  }).finally(() => clearTimeout(deadline));
  child.removeAllListeners('exit');
  child.stderr?.removeAllListeners('data');
  child.stderr?.resume();
  // A test runner that dies must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return child;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
