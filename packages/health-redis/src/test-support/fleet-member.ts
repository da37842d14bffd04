import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { HealthPolicy, ProviderHealthEntry } from '@switchyard/core';

export type CallOutcome = 'served' | 'skipped' | 'failed' | string;

export interface FleetMember {
  readonly name: string;
  readonly pid: number;
  /** Log lines the member's store wrote, in order. */
  readonly logs: Array<{ readonly level: string; readonly message: string }>;
  /** `count` concurrent calls through the member's chain. */
  calls(count: number): Promise<CallOutcome[]>;
  /** As `calls`, only while the member's breaker still has `marginMs` of cooldown left. */
  callsWhileCooling(count: number, marginMs: number): Promise<{ outcomes?: CallOutcome[]; tooLate?: unknown }>;
  entry(): Promise<ProviderHealthEntry>;
  /** Resolves with the entry once its status is `status` (or the member gives up). */
  waitFor(status: ProviderHealthEntry['status']): Promise<ProviderHealthEntry>;
  /** SIGKILL: the process dies mid-whatever. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface FleetMemberOptions {
  readonly name: string;
  readonly redisUrl: string;
  readonly upstreamUrl: string;
  readonly keyPrefix: string;
  readonly policy: Partial<HealthPolicy>;
}

interface ChildMessage {
  readonly type: 'started' | 'result' | 'log';
  readonly id?: number;
  readonly result?: unknown;
  readonly shared?: boolean;
  readonly level?: string;
  readonly message?: string;
}

const script = fileURLToPath(new URL('./fleet-member-process.js', import.meta.url));

/** Forks one fleet member and waits until its store shares breakers through Redis. */
export async function startFleetMember(options: FleetMemberOptions): Promise<FleetMember> {
  const child: ChildProcess = fork(script, [], {
    env: {
      ...process.env,
      SWITCHYARD_FLEET_MEMBER: options.name,
      SWITCHYARD_FLEET_REDIS_URL: options.redisUrl,
      SWITCHYARD_FLEET_UPSTREAM_URL: options.upstreamUrl,
      SWITCHYARD_FLEET_KEY_PREFIX: options.keyPrefix,
      SWITCHYARD_FLEET_POLICY: JSON.stringify(options.policy),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  const logs: FleetMember['logs'] = [];
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 0;
  const started = new Promise<boolean>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      reject(new Error(`fleet member ${options.name} exited (${signal ?? code}) before it started`));
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'started') resolve(message.shared === true);
      else if (message.type === 'log') logs.push({ level: message.level ?? '', message: message.message ?? '' });
      else if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
  });
  if (!(await started)) throw new Error(`fleet member ${options.name} could not reach Redis`);
  child.removeAllListeners('exit');
  const ask = <T>(type: string, payload: Record<string, unknown> = {}): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((resolve) => {
      pending.set(id, (result) => {
        pending.delete(id);
        resolve(result as T);
      });
      child.send({ id, type, ...payload });
    });
  };
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name: options.name,
    pid: child.pid ?? -1,
    logs,
    calls: (count) => ask('calls', { count }),
    callsWhileCooling: (count, marginMs) => ask('calls-while-cooling', { count, marginMs }),
    entry: () => ask('entry'),
    waitFor: (status) => ask('wait-for', { status }),
    async kill() {
      if (gone()) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (gone()) return;
      const exited = once(child, 'exit');
      // A member that does not say goodbye in time is killed: a test never leaves one behind.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      void ask('exit');
      await exited;
      clearTimeout(timer);
    },
  };
}
