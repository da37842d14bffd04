import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  applyHealthChange,
  type Clock,
  type HealthChange,
  type HealthPolicy,
  type HealthState,
  type HealthStore,
  healthKey,
  initialHealthState,
  probeLeaseMs,
  redactingLogger,
  redactSecretsInText,
  silentLogger,
  systemClock,
} from '@switchyard/core';
import { parseConfigValue } from '@switchyard/core/provider-kit';
import { breakerKeys, changesChannel } from './breaker-keys.js';
import {
  defaultKeyPrefix,
  defaultRecoveryIntervalMs,
  defaultRedisTimeoutMs,
  type RedisHealthStoreOptions,
  redisHealthStoreOptionsSchema,
} from './redis-health-store-options.js';
import { type EvaluateScript, RedisLink, type RedisLinkMode } from './redis-link.js';
import { parseSharedBreakerView } from './shared-breaker-view.js';

/** What a status page may show about the store: never a password. */
export interface RedisHealthStoreStatus {
  readonly mode: RedisLinkMode;
  /** True while breakers are shared with the fleet. */
  readonly shared: boolean;
  /** Where Redis is, password hidden. */
  readonly redis: string;
  readonly keyPrefix: string;
}

/** One breaker as this process knows it. */
interface CachedBreaker {
  readonly state: HealthState;
  /** The version of the shared state it came from; local changes keep it, so any news replaces them. */
  readonly version: number;
  /** This process holds the fleet's probe lease… */
  readonly probeMine: boolean;
  /** …and has handed it to a call. */
  readonly probeUsed: boolean;
}

type AcceptRule = 'newer' | 'not-older' | 'always';

/** Failure reasons are stored and published; they are error messages, but bounded and scrubbed all the same. */
const maxStoredReasonLength = 300;

/**
 * Provider health shared by every process that points at one Redis.
 *
 * Reads never touch the network: each process keeps a copy of every breaker and Redis pushes
 * each change to all of them over pub/sub (a change is seen everywhere within a round trip, and
 * the closed path costs a map lookup). Changes are applied locally at once and atomically on the
 * server by one Lua script, whose answer replaces the local guess. After a cooldown the probe
 * is a lease in Redis (`SET NX PX`): the first process to ask gets it, and its next call is the
 * probe. When Redis is unreachable or slow, the process goes on with its own breakers, warns
 * once, and shares again when Redis is back.
 */
export class RedisHealthStore implements HealthStore {
  readonly #cache = new Map<string, CachedBreaker>();
  /** Breakers with a read or a lease request in flight: one at a time each. */
  readonly #asking = new Set<string>();
  readonly #owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #prefix: string;
  readonly #channel: string;
  readonly #clock: Clock;
  readonly #link: RedisLink;

  constructor(options: RedisHealthStoreOptions = {}) {
    const settings = parseConfigValue(redisHealthStoreOptionsSchema, options, 'RedisHealthStore options');
    this.#prefix = settings.keyPrefix ?? defaultKeyPrefix;
    this.#channel = changesChannel(this.#prefix);
    this.#clock = settings.clock ?? systemClock;
    this.#link = new RedisLink({
      url: settings.url,
      redis: settings.redis,
      channel: this.#channel,
      timeoutMs: settings.timeoutMs ?? defaultRedisTimeoutMs,
      recoveryIntervalMs: settings.recoveryIntervalMs ?? defaultRecoveryIntervalMs,
      logger: redactingLogger(settings.logger ?? silentLogger),
      onMessage: (text) => this.#accept(text, 'newer'),
      onShared: (evaluate) => this.#catchUp(evaluate),
    });
  }

  read(provider: string): HealthState | undefined {
    const cached = this.#cache.get(healthKey(provider));
    if (cached === undefined) {
      this.#fetch(provider);
      return undefined;
    }
    return this.#view(cached);
  }

  list(): HealthState[] {
    return [...this.#cache.values()].map((cached) => this.#view(cached));
  }

  apply(provider: string, change: HealthChange, now: number, policy: HealthPolicy): void {
    const key = healthKey(provider);
    const cached = this.#cache.get(key);
    const state = cached?.state ?? initialHealthState(provider);
    const next = applyHealthChange(state, change, now, policy);
    // Nothing changes here (the usual success): nothing to tell the fleet either.
    if (next === state) return;
    const probeMine = (cached?.probeMine ?? false) && next.probeUntil !== 0;
    this.#cache.set(key, {
      state: next,
      version: cached?.version ?? 0,
      probeMine,
      probeUsed: probeMine && (cached?.probeUsed ?? false),
    });
    this.#send(provider, changeArguments(change, policy, this.#owner), retentionMs(policy, change));
  }

  claimProbe(provider: string, generation: number, now: number, policy: HealthPolicy): boolean {
    const key = healthKey(provider);
    const cached = this.#cache.get(key);
    if (cached === undefined || cached.state.generation !== generation) return false;
    if (cached.probeMine && !cached.probeUsed && cached.state.probeUntil > now) {
      this.#cache.set(key, { ...cached, probeUsed: true });
      return true;
    }
    if (cached.state.probeUntil > now) return false;
    if (this.#link.mode !== 'shared') {
      // On its own the process probes as a single process would: the first caller goes.
      const state = { ...cached.state, probeUntil: now + probeLeaseMs(policy) };
      this.#cache.set(key, { ...cached, state, probeMine: true, probeUsed: true });
      return true;
    }
    const leaseMs = Math.max(1, Math.ceil(probeLeaseMs(policy)));
    this.#ask(provider, ['claim', generation, this.#owner, leaseMs], retentionMs(policy));
    return false;
  }

  status(): RedisHealthStoreStatus {
    const mode = this.#link.mode;
    return { mode, shared: mode === 'shared', redis: this.#link.target, keyPrefix: this.#prefix };
  }

  /** Resolves true once breakers are shared, false if Redis is not reached within `timeoutMs`. */
  ready(timeoutMs = 5000): Promise<boolean> {
    return this.#link.ready(timeoutMs);
  }

  /** Closes both connections; the store then goes on in this process only. */
  close(): Promise<void> {
    return this.#link.close();
  }

  /** An unused lease of this process reads as no probe out: its next call is the probe. */
  #view(cached: CachedBreaker): HealthState {
    return cached.probeMine && !cached.probeUsed ? { ...cached.state, probeUntil: 0 } : cached.state;
  }

  #fetch(provider: string): void {
    if (this.#link.mode === 'shared') this.#ask(provider, ['read'], 0);
  }

  /** A request whose answer matters only once: not repeated while one is in flight. */
  #ask(provider: string, operation: readonly (string | number)[], retention: number): void {
    const key = healthKey(provider);
    if (this.#asking.has(key)) return;
    this.#asking.add(key);
    void this.#link
      .run(breakerKeys(this.#prefix, provider), this.#arguments(provider, operation, retention))
      .then((reply) => {
        this.#asking.delete(key);
        if (reply !== undefined) this.#accept(reply, 'not-older');
      });
  }

  #send(provider: string, operation: readonly (string | number)[], retention: number): void {
    void this.#link
      .run(breakerKeys(this.#prefix, provider), this.#arguments(provider, operation, retention))
      .then((reply) => {
        if (reply !== undefined) this.#accept(reply, 'not-older');
      });
  }

  #arguments(provider: string, operation: readonly (string | number)[], retention: number): (string | number)[] {
    const [name, ...rest] = operation;
    return [name ?? 'read', provider, Math.ceil(retention), this.#channel, ...rest];
  }

  /**
   * Takes a view from Redis over the local copy. Published changes must be newer than the copy;
   * the answer to this process's own request may equal it (it replaces a local guess); catching
   * up after an outage takes whatever Redis says.
   */
  #accept(text: string, rule: AcceptRule): void {
    const view = parseSharedBreakerView(text, this.#clock());
    if (view === undefined) return;
    const key = healthKey(view.state.provider);
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      if (rule === 'newer' && view.version <= cached.version) return;
      if (rule === 'not-older' && view.version < cached.version) return;
    }
    const probeMine = view.probeOwner === this.#owner;
    const probeUsed = probeMine && (cached?.probeMine ?? false) && (cached?.probeUsed ?? false);
    this.#cache.set(key, { state: view.state, version: view.version, probeMine, probeUsed });
  }

  /** After (re)connecting, the fleet's state replaces what this process did alone. */
  async #catchUp(evaluate: EvaluateScript): Promise<void> {
    const providers = [...this.#cache.values()].map((cached) => cached.state.provider);
    const replies = await Promise.all(
      providers.map((provider) =>
        evaluate(breakerKeys(this.#prefix, provider), this.#arguments(provider, ['read'], 0)),
      ),
    );
    for (const reply of replies) this.#accept(reply, 'always');
  }
}

/** The script's arguments for a change, after the common ones. */
function changeArguments(change: HealthChange, policy: HealthPolicy, owner: string): (string | number)[] {
  switch (change.kind) {
    case 'failure':
      return [
        'failure',
        change.generation,
        storedReason(change.reason),
        policy.failureThreshold,
        policy.cooldownMs,
        policy.backoffFactor,
        policy.maxCooldownMs,
        Math.max(1, Math.ceil(policy.failureWindowMs)),
      ];
    case 'success':
      return ['success', change.generation];
    case 'release':
      return ['release', change.generation, owner];
    case 'mark-not-working':
      return ['mark-not-working', storedReason(change.reason), Math.max(1, Math.ceil(change.cooldownMs))];
    case 'mark-working':
      return ['mark-working'];
  }
}

function storedReason(reason: string): string {
  return redactSecretsInText(reason).slice(0, maxStoredReasonLength);
}

/**
 * How long a breaker's state outlives its last change: long enough to cover any cooldown,
 * failure window or lease it describes, so a fleet that stops leaves nothing behind for long.
 */
function retentionMs(policy: HealthPolicy, change?: HealthChange): number {
  const marked = change?.kind === 'mark-not-working' ? change.cooldownMs : 0;
  return 2 * Math.max(policy.maxCooldownMs, policy.failureWindowMs, probeLeaseMs(policy), marked);
}
