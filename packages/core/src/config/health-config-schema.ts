import { z } from 'zod';
import { milliseconds } from '../validation/milliseconds.js';

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

/**
 * `health` in switchyard.config.json: the circuit breaker's policy and where its state lives.
 * `store` defaults to `redis` when a `url` is given (as `SWITCHYARD_HEALTH_REDIS_URL` gives one),
 * else to `memory`; a Redis store is plugged in by `@switchyard/health-redis`, since core talks
 * to no server of its own.
 */
export const healthConfigSchema = z
  .strictObject({
    store: z
      .enum(['memory', 'redis'])
      .describe('Where the state lives: memory (this process), or redis (a fleet); redis once a url is given.')
      .optional(),
    url: z
      .string()
      .refine(isRedisUrl, 'expected a redis:// or rediss:// URL with a host')
      .describe('redis://[user:password@]host:port[/db], or rediss:// for TLS (with @switchyard/health-redis).')
      .optional(),
    keyPrefix: z
      .string()
      .min(1)
      .describe('Prepended to every Redis key and channel, so fleets can share one Redis; switchyard:health:.')
      .optional(),
    redisTimeoutMs: milliseconds
      .describe('How long a Redis command may take before the store goes on alone, in ms; 250.')
      .optional(),
    failures: z.number().int().positive().describe("Failures in a row that open a provider's circuit; 3.").optional(),
    failureWindowMs: milliseconds
      .describe('A failure counts towards failures only this long after the one before it, in ms; 60000.')
      .optional(),
    cooldownMs: milliseconds.describe('The first cooldown of an open circuit, in ms; 30000.').optional(),
    maxCooldownMs: milliseconds.describe('The longest cooldown, in ms; 600000.').optional(),
    backoffFactor: z.number().min(1).describe('Each further trip multiplies the cooldown by this; 2.').optional(),
    probeLeaseMs: milliseconds
      .describe('How long the one probe after a cooldown may go without reporting back, in ms; cooldownMs.')
      .optional(),
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
