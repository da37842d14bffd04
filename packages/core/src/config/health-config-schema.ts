import { z } from 'zod';

const redisProtocols = new Set(['redis:', 'rediss:']);

function isRedisUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return redisProtocols.has(url.protocol) && url.hostname !== '';
}

const positiveMs = z.number().int().positive();

/**
 * `health` in switchyard.config.json: the circuit breaker's policy and where its state lives.
 * `store` defaults to `redis` when a `url` is given (as `SWITCHYARD_HEALTH_REDIS_URL` gives one),
 * else to `memory`; a Redis store is plugged in by `@switchyard/health-redis`, since core talks
 * to no server of its own.
 */
export const healthConfigSchema = z
  .strictObject({
    store: z.enum(['memory', 'redis']).optional(),
    /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
    url: z.string().refine(isRedisUrl, 'expected a redis:// or rediss:// URL with a host').optional(),
    /** Prepended to every Redis key and channel, so fleets can share one Redis; `switchyard:health:` by default. */
    keyPrefix: z.string().min(1).optional(),
    /** How long a Redis command may take before the store goes on alone; 250 ms by default. */
    redisTimeoutMs: positiveMs.optional(),
    /** Failures in a row that open a provider's circuit. */
    failures: z.number().int().positive().optional(),
    failureWindowMs: positiveMs.optional(),
    cooldownMs: positiveMs.optional(),
    maxCooldownMs: positiveMs.optional(),
    backoffFactor: z.number().min(1).optional(),
    probeLeaseMs: positiveMs.optional(),
  })
  .superRefine((health, context) => {
    if (
      health.cooldownMs !== undefined &&
      health.maxCooldownMs !== undefined &&
      health.maxCooldownMs < health.cooldownMs
    ) {
      context.addIssue({
        code: 'custom',
        path: ['maxCooldownMs'],
        message: `expected at least cooldownMs (${health.cooldownMs})`,
        input: health.maxCooldownMs,
      });
    }
  });

export type HealthConfig = z.infer<typeof healthConfigSchema>;

/** Where the config puts provider health: `redis` once a URL is given, unless `store` says otherwise. */
export function healthStoreKind(health: HealthConfig | undefined): 'memory' | 'redis' {
  return health?.store ?? (health?.url === undefined ? 'memory' : 'redis');
}
