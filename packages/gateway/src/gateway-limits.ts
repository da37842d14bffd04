import type { GatewayLimitsConfig } from '@switchyard/core';
import { withoutUndefined } from '@switchyard/core/provider-kit';

/** Every limit, each set. */
export type GatewayLimits = { readonly [Key in keyof GatewayLimitsConfig]-?: number };

/**
 * What a gateway admits unless configured otherwise. The concurrency bound is far above what one
 * process streams comfortably on a small machine (1,000 streams at once are tested) and still
 * stops a flood from growing memory without bound.
 */
export const defaultGatewayLimits: GatewayLimits = {
  maxBodyBytes: 4 * 1024 * 1024,
  maxMessages: 1_000,
  maxConcurrentRequests: 4_096,
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  shutdownGraceMs: 30_000,
};

/** The defaults with every limit that is set laid over them. */
export function resolveGatewayLimits(configured: GatewayLimitsConfig | undefined): GatewayLimits {
  return { ...defaultGatewayLimits, ...withoutUndefined(configured ?? {}) };
}
