import {
  chainsSchema,
  type GatewayLimitsConfig,
  gatewayKeysSchema,
  gatewayLimitsSchema,
  type Logger,
  type ProviderRegistry,
  type RetryPolicy,
} from '@switchyard/core';
import { hasMethods } from '@switchyard/core/provider-kit';
import { z } from 'zod';

/** A fallback chain: provider names in order, or those with the chain's retry policy. */
export type GatewayChain =
  | readonly string[]
  | {
      readonly providers: readonly string[];
      readonly retry?: { readonly [Key in keyof RetryPolicy]?: RetryPolicy[Key] | undefined } | undefined;
    };

export interface GatewayOptions {
  /** The providers the gateway serves; its health is shared by every request. */
  readonly registry: ProviderRegistry;
  /** Fallback chains by name: `{ default: ['OpenAI', 'Anthropic'] }` or `{ default: { providers, retry } }`. */
  readonly chains?: Readonly<Record<string, GatewayChain>> | undefined;
  /** Client keys for `Authorization: Bearer`; without any, the gateway listens on loopback only. */
  readonly keys?: readonly string[] | undefined;
  readonly limits?: GatewayLimitsConfig | undefined;
  /** `127.0.0.1` by default. */
  readonly host?: string | undefined;
  /** A free port by default. */
  readonly port?: number | undefined;
  /** Silent by default. Never given a key, a header or a request body. */
  readonly logger?: Logger | undefined;
}

/** Strict, as every settings object of the project: a misspelt option is an error, not ignored. */
export const gatewayOptionsSchema = z.strictObject({
  registry: z.custom<ProviderRegistry>(hasMethods('get', 'list', 'has', 'snapshot'), {
    message: 'expected a ProviderRegistry',
  }),
  chains: chainsSchema.optional(),
  keys: gatewayKeysSchema.optional(),
  limits: gatewayLimitsSchema.optional(),
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  logger: z.custom<Logger>(hasMethods('debug', 'info', 'warn', 'error'), { message: 'expected a Logger' }).optional(),
});
