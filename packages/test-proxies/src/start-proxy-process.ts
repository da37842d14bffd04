import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ProxyProcessMessage } from './proxy-process-message.js';

export interface ProxyTunnel {
  /** `host:port` the client asked to reach. */
  readonly target: string;
  readonly authorized: boolean;
}

export interface RunningProxy {
  /** The URL to hand to a client, with the credentials in it when the proxy requires them. */
  readonly url: string;
  readonly port: number;
  /** The process id, so a test can see it is a process of its own. */
  readonly pid: number;
  /** Every tunnel the proxy was asked for, in order. */
  readonly tunnels: readonly ProxyTunnel[];
  close(): Promise<void>;
}

export interface StartProxyOptions {
  /** `user:password` the proxy demands; none by default. */
  readonly credentials?: string | undefined;
}

export type ProxyKind = 'http' | 'socks5';

const scripts: Readonly<Record<ProxyKind, string>> = {
  http: 'http-proxy-process.js',
  socks5: 'socks5-proxy-process.js',
};

/** Starts a proxy as a child process on 127.0.0.1 and a free port; resolves once it listens. */
export async function startProxyProcess(kind: ProxyKind, options: StartProxyOptions = {}): Promise<RunningProxy> {
  const script = fileURLToPath(new URL(scripts[kind], import.meta.url));
  const child: ChildProcess = fork(script, [], {
    env: { ...process.env, SWITCHYARD_PROXY_CREDENTIALS: options.credentials ?? '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: [],
  });
  const tunnels: ProxyTunnel[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the ${kind} proxy process exited with code ${code} before listening`)),
    );
    child.on('message', (message: ProxyProcessMessage) => {
      if (message.type === 'listening') resolve(message.port);
      else tunnels.push({ target: message.target, authorized: message.authorized });
    });
  });
  const auth = options.credentials === undefined ? '' : `${options.credentials}@`;
  return {
    url: `${kind}://${auth}127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    tunnels,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
