import type { DependencyContainer } from 'tsyringe';
import { CONFIG } from '../config/config-token.js';
import type { SwitchyardConfig } from '../config/switchyard-config-schema.js';
import type { Logger } from '../logging/logger.js';
import { LOGGER } from '../logging/logger-token.js';

/** What a provider built inside a container takes from it: config and logger, when registered. */
export interface ProviderContext {
  readonly config?: SwitchyardConfig | undefined;
  readonly logger?: Logger | undefined;
}

export function resolveProviderContext(resolver: DependencyContainer): ProviderContext {
  return {
    config: resolver.isRegistered(CONFIG, true) ? resolver.resolve<SwitchyardConfig>(CONFIG) : undefined,
    logger: resolver.isRegistered(LOGGER, true) ? resolver.resolve<Logger>(LOGGER) : undefined,
  };
}
