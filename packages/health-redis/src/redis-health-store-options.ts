import { type Clock, healthConfigSchema, type Logger } from '@switchyard/core';
import { hasMethods } from '@switchyard/core/provider-kit';
import type { RedisOptions } from 'ioredis';
import { z } from 'zod';

/**
 * ioredis's connection options, less those the store decides itself: how commands queue and
 * time out, key prefixes (see `keyPrefix`) and the shape of replies.
 */
export type RedisConnectionOptions = Omit<
  RedisOptions,
  'replyMapping' | 'keyPrefix' | 'enableOfflineQueue' | 'commandTimeout' | 'lazyConnect' | 'maxRetriesPerRequest'
>;

export interface RedisHealthStoreOptions {
  /**
   * `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. Its password is used to
   * connect and never shown: errors, log lines and `status()` carry it as `***`.
   */
  readonly url?: string | undefined;
  /**
   * Passed through to ioredis over what the URL says: `username`, `password` (Redis AUTH), `tls`
   * (certificates, `servername`, `rejectUnauthorized`), `db`, `connectTimeout`, `retryStrategy`…
   */
  readonly redis?: RedisConnectionOptions | undefined;
  /** Prepended to every key and to the channel; `switchyard:health:` by default. */
  readonly keyPrefix?: string | undefined;
  /** The longest a Redis command may take before this process goes on alone; 250 ms by default. */
  readonly timeoutMs?: number | undefined;
  /** How often to look for Redis again while it is away; 1000 ms by default. */
  readonly recoveryIntervalMs?: number | undefined;
  /** Told once when Redis goes away and once when it is back. Silent by default. */
  readonly logger?: Logger | undefined;
  /** The clock of the `ProviderHealth` using the store, if it is not the system clock. */
  readonly clock?: Clock | undefined;
}

const urlSchema = healthConfigSchema.shape.url.unwrap();

export const redisHealthStoreOptionsSchema = z.strictObject({
  url: urlSchema.optional(),
  redis: z
    .custom<RedisConnectionOptions>(
      (value) => typeof value === 'object' && value !== null,
      'expected an object of ioredis options',
    )
    .optional(),
  keyPrefix: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
  recoveryIntervalMs: z.number().int().positive().optional(),
  logger: z
    .custom<Logger>(hasMethods('debug', 'info', 'warn', 'error'), 'expected a logger with debug, info, warn and error')
    .optional(),
  clock: z.custom<Clock>((value) => typeof value === 'function', 'expected a function').optional(),
});

export const defaultKeyPrefix = 'switchyard:health:';
export const defaultRedisTimeoutMs = 250;
export const defaultRecoveryIntervalMs = 1000;
