import { z } from 'zod';
import { retryPolicySchema } from '../fallback/fallback-settings.js';
import { milliseconds, nonNegativeMilliseconds } from '../validation/milliseconds.js';

const providerNames = z.array(z.string().min(1)).min(1, 'expected at least one provider name');

/**
 * A fallback chain the gateway serves under its name: the provider names in order, or those
 * with the chain's retry policy.
 */
export const chainDefinitionSchema = z.union(
  [providerNames, z.strictObject({ providers: providerNames, retry: retryPolicySchema.optional() })],
  { error: 'expected a list of provider names, or { providers: [...], retry: {...} }' },
);

export type ChainDefinition = z.infer<typeof chainDefinitionSchema>;

/** Chain name → definition; a request's `model` picks a chain by its name. */
export const chainsSchema = z.record(z.string().min(1), chainDefinitionSchema);

// The messages name no received value: a wrong entry may still be someone's key.
const hiddenKey = 'expected a non-empty string (the value received is not shown)';

/** The keys clients present as `Authorization: Bearer <key>`. */
export const gatewayKeysSchema = z.array(z.string({ error: hiddenKey }).min(1, { error: hiddenKey }));

/** What one gateway process admits, and how long it waits; every field has a default in `@switchyard/gateway`. */
export const gatewayLimitsSchema = z.strictObject({
  maxBodyBytes: z.number().int().positive().describe('The largest request body, in bytes.').optional(),
  maxMessages: z.number().int().positive().describe('The most messages one request may carry.').optional(),
  maxConcurrentRequests: z
    .number()
    .int()
    .positive()
    .describe('Chat completions in flight at once; one more is answered 429 at once, never queued.')
    .optional(),
  headersTimeoutMs: milliseconds.describe('How long a client may take to send its request headers.').optional(),
  requestTimeoutMs: milliseconds.describe('How long a client may take to send its whole request.').optional(),
  keepAliveTimeoutMs: milliseconds.describe('How long an idle keep-alive connection is kept.').optional(),
  shutdownGraceMs: nonNegativeMilliseconds
    .describe('On shutdown, how long open streams may go on before they are cancelled upstream.')
    .optional(),
});

export type GatewayLimitsConfig = z.infer<typeof gatewayLimitsSchema>;
