import { z } from 'zod';
import type { AttemptListener } from '../contract/chat-request.js';
import type { Logger } from '../logging/logger.js';
import type { ProviderHealth } from '../registry/provider-health.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { AnyProvider } from '../registry/provider-token.js';
import { proxyUrlSchema } from '../transport/proxy-url.js';
import { type TimeoutOverrides, timeoutsSchema } from '../transport/timeouts.js';
import { hasMethods } from '../validation/has-methods.js';
import { nonNegativeMilliseconds } from '../validation/milliseconds.js';
import type { RetryPolicy } from './retry-policy.js';

export interface FallbackSettings {
  /** In order of preference: instances, or names looked up in `registry`. */
  readonly providers: ReadonlyArray<AnyProvider | string>;
  /** Resolves names, and lends its health so the chain and the registry agree. */
  readonly registry?: ProviderRegistry | undefined;
  /** Health to use without a registry; a private one by default. */
  readonly health?: ProviderHealth | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  /** Told of every attempt as it ends: skipped, failed, empty or succeeded. */
  readonly onAttempt?: AttemptListener | undefined;
  /** The chain's registry name; `Fallback` by default. */
  readonly name?: string | undefined;
  /** Over each member's own limits; the chain's total time bounds the whole call. */
  readonly timeouts?: TimeoutOverrides | undefined;
  readonly logger?: Logger | undefined;
  readonly proxy?: string | undefined;
}

const providerSchema = z.custom<AnyProvider>(
  (value) => hasMethods('stream', 'resolveModel')(value) && typeof (value as { name?: unknown }).name === 'string',
  { message: 'expected a provider (an AsyncGeneratorProvider) or a provider name' },
);

export const retryPolicySchema = z.strictObject({
  attempts: z.number().int().positive().optional(),
  baseDelayMs: nonNegativeMilliseconds.optional(),
  maxWaitMs: nonNegativeMilliseconds.optional(),
});

/** Strict, as every settings object of the project: a misspelt key is an error, not ignored. */
export const fallbackSettingsSchema = z.strictObject({
  providers: z.array(z.union([z.string().min(1), providerSchema])).min(1, 'expected at least one provider'),
  registry: z
    .custom<ProviderRegistry>(hasMethods('get', 'list'), { message: 'expected a ProviderRegistry' })
    .optional(),
  health: z
    .custom<ProviderHealth>(hasMethods('beginCall', 'recordSuccess', 'recordFailure'), {
      message: 'expected a ProviderHealth',
    })
    .optional(),
  retry: retryPolicySchema.optional(),
  onAttempt: z
    .custom<AttemptListener>((value) => typeof value === 'function', { message: 'expected a function' })
    .optional(),
  name: z.string().min(1).optional(),
  timeouts: timeoutsSchema.optional(),
  logger: z.custom<Logger>(hasMethods('debug', 'info', 'warn', 'error'), { message: 'expected a Logger' }).optional(),
  proxy: proxyUrlSchema.optional(),
});
