import { type Logger, redactSecretsInText, redactUrl } from '@switchyard/core';
import { Redis } from 'ioredis';
import { breakerScript, breakerScriptSha } from './breaker-script.js';
import type { RedisConnectionOptions } from './redis-health-store-options.js';

/**
 * - `connecting`: not yet reached; the process goes on alone, quietly.
 * - `shared`: both connections up and subscribed; changes go to Redis.
 * - `local`: Redis went away or stalled; the process goes on alone and looks for Redis again.
 * - `closed`: closed by its owner.
 */
export type RedisLinkMode = 'connecting' | 'shared' | 'local' | 'closed';

export interface RedisLinkOptions {
  readonly url: string | undefined;
  readonly redis: RedisConnectionOptions | undefined;
  readonly channel: string;
  readonly timeoutMs: number;
  readonly recoveryIntervalMs: number;
  readonly logger: Logger;
  /** A change published by any process, this one included. */
  readonly onMessage: (text: string) => void;
  /** Runs before the link counts as shared again, with the script on a link not yet shared. */
  readonly onShared: (evaluate: EvaluateScript) => Promise<void>;
}

export type EvaluateScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<string>;

/**
 * Two connections to Redis (commands, and a subscriber for the change channel) and whether they
 * can be relied on now. Any error or timeout makes the process go on alone at once, with one
 * warning for the whole outage; it looks for Redis again on reconnection and on a timer (a
 * stalled server never reconnects), and counts as shared once a ping answers, the channel is
 * subscribed and `onShared` has caught up.
 */
export class RedisLink {
  /** Where Redis is, password hidden: fit for logs and status pages. */
  readonly target: string;
  readonly #commands: Redis;
  readonly #subscriber: Redis;
  readonly #options: RedisLinkOptions;
  #mode: RedisLinkMode = 'connecting';
  /** Set by the outage's one warning, cleared once shared again. */
  #warned = false;
  #recovering = false;
  #recoveryTimer: NodeJS.Timeout | undefined;
  readonly #waiters = new Set<(shared: boolean) => void>();

  constructor(options: RedisLinkOptions) {
    this.#options = options;
    this.target = describeTarget(options.url, options.redis);
    const base: RedisConnectionOptions & { keyPrefix: string; lazyConnect: boolean; maxRetriesPerRequest: number } = {
      connectTimeout: Math.max(1000, options.timeoutMs),
      // Come back quickly: while away every process runs on its own breakers.
      retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
      // So an operator can tell the fleet's connections apart in CLIENT LIST.
      connectionName: 'switchyard-health',
      ...options.redis,
      keyPrefix: '',
      lazyConnect: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
    };
    // Without an offline queue a command fails at once while disconnected instead of waiting.
    const commandOptions = { ...base, commandTimeout: options.timeoutMs, enableOfflineQueue: false };
    const subscriberOptions = { ...base, enableOfflineQueue: true, autoResubscribe: true };
    this.#commands = options.url === undefined ? new Redis(commandOptions) : new Redis(options.url, commandOptions);
    this.#subscriber =
      options.url === undefined ? new Redis(subscriberOptions) : new Redis(options.url, subscriberOptions);
    for (const client of [this.#commands, this.#subscriber]) {
      client.on('error', (error: unknown) => this.#lost(error));
      client.on('close', () => this.#lost(new Error('the connection closed')));
      client.on('ready', () => void this.#recover());
    }
    this.#subscriber.on('message', (channel: string, text: string) => {
      if (channel === options.channel && this.#mode !== 'closed') options.onMessage(text);
    });
    // Queued until connected; ioredis subscribes again after every reconnection.
    this.#subscriber.subscribe(options.channel).catch((error: unknown) => this.#lost(error));
  }

  get mode(): RedisLinkMode {
    return this.#mode;
  }

  /**
   * The script's reply, or undefined when the link is not shared or the call failed (which
   * makes it local). Never rejects: no call may fail because of Redis.
   */
  async run(keys: readonly string[], args: readonly (string | number)[]): Promise<string | undefined> {
    if (this.#mode !== 'shared') return undefined;
    try {
      return await this.#evaluate(keys, args);
    } catch (error) {
      this.#lost(error);
      return undefined;
    }
  }

  /** True once shared; false if that has not happened within `timeoutMs` or the link closed. */
  ready(timeoutMs: number): Promise<boolean> {
    if (this.#mode === 'shared') return Promise.resolve(true);
    if (this.#mode === 'closed') return Promise.resolve(false);
    return new Promise((resolve) => {
      const settle = (shared: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(settle);
        resolve(shared);
      };
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.#waiters.add(settle);
    });
  }

  async close(): Promise<void> {
    if (this.#mode === 'closed') return;
    this.#setMode('closed');
    this.#stopRecovery();
    await Promise.all([this.#commands, this.#subscriber].map((client) => quit(client, this.#options.timeoutMs)));
  }

  #evaluate: EvaluateScript = async (keys, args) => {
    let reply: unknown;
    try {
      reply = await this.#commands.evalsha(breakerScriptSha, keys.length, ...keys, ...args);
    } catch (error) {
      // A restarted (or flushed) Redis has forgotten the script.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      reply = await this.#commands.eval(breakerScript, keys.length, ...keys, ...args);
    }
    if (typeof reply !== 'string') throw new Error(`the health script answered ${typeof reply}, not text`);
    return reply;
  };

  #lost(error: unknown): void {
    if (this.#mode === 'closed') return;
    if (this.#mode !== 'local') this.#setMode('local');
    if (!this.#warned) {
      this.#warned = true;
      const reason = redactSecretsInText(error instanceof Error ? error.message : String(error));
      this.#options.logger.warn(
        `Provider health: Redis at ${this.target} is unreachable (${reason}); each process keeps its own breakers until it is back.`,
        { redis: this.target },
      );
    }
    this.#recoveryTimer ??= setInterval(() => void this.#recover(), this.#options.recoveryIntervalMs).unref();
  }

  async #recover(): Promise<void> {
    if (this.#mode === 'shared' || this.#mode === 'closed' || this.#recovering) return;
    if (this.#commands.status !== 'ready' || this.#subscriber.status !== 'ready') return;
    this.#recovering = true;
    try {
      const { timeoutMs } = this.#options;
      await withTimeout(this.#subscriber.subscribe(this.#options.channel), timeoutMs);
      await this.#commands.ping();
      await this.#options.onShared(this.#evaluate);
      // Closed while catching up: stay closed.
      if (this.mode === 'closed') return;
      this.#stopRecovery();
      this.#setMode('shared');
      if (this.#warned) {
        this.#warned = false;
        this.#options.logger.info(`Provider health: Redis at ${this.target} is back; breakers are shared again.`, {
          redis: this.target,
        });
      }
    } catch (error) {
      this.#lost(error);
    } finally {
      this.#recovering = false;
    }
  }

  #setMode(mode: RedisLinkMode): void {
    this.#mode = mode;
    if (mode !== 'shared' && mode !== 'closed') return;
    for (const settle of [...this.#waiters]) settle(mode === 'shared');
  }

  #stopRecovery(): void {
    clearInterval(this.#recoveryTimer);
    this.#recoveryTimer = undefined;
  }
}

/** `redis://user:***@host:port/db`: what a log line may say about where Redis is. */
function describeTarget(url: string | undefined, options: RedisConnectionOptions | undefined): string {
  if (url !== undefined) return redactUrl(url);
  const host = options?.host ?? '127.0.0.1';
  const port = options?.port ?? 6379;
  return `${options?.tls === undefined ? 'redis' : 'rediss'}://${host}:${port}`;
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Says goodbye when Redis answers, and hangs up regardless. */
async function quit(client: Redis, timeoutMs: number): Promise<void> {
  try {
    await withTimeout(client.quit(), timeoutMs);
  } catch {
    // Nothing to say goodbye to; disconnect below ends the reconnecting.
  } finally {
    client.disconnect();
  }
}
