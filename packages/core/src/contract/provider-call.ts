import type { Logger } from '../logging/logger.js';
import type { Timeouts } from '../transport/timeouts.js';
import type { CallWarning } from './call-warning.js';
import type { ChatRequest, StandardSettings } from './chat-request.js';
import type { Messages } from './message.js';

/** What an implementation may read of the text delivered so far, for the interruption it raises. */
export interface DeliveredSoFar {
  /** The first MiB delivered. */
  readonly text: string;
  /** Characters delivered in all. */
  readonly length: number;
}

/** A validated call, as a provider implementation receives it in `doStream`. */
export interface ProviderCall<TOptions extends object = Record<never, never>> {
  /** The provider's registry name, for errors and logs. */
  readonly provider: string;
  /** Resolved: the default when none was asked, an alias's target. */
  readonly model: string;
  readonly messages: Messages;
  /** The standard settings the caller gave; absent ones are not keys. */
  readonly settings: StandardSettings;
  /** `providerOptions[provider]`, validated by the provider's schema; `{}` when none were given. */
  readonly options: TOptions;
  /** The call's proxy, else the provider's configured one. */
  readonly proxy: string | undefined;
  readonly cookies: Readonly<Record<string, string>> | undefined;
  /** Aborts on the caller's abort and on the total timeout; its reason is always a typed error. Made when first read. */
  readonly signal: AbortSignal;
  readonly timeouts: Timeouts;
  /** Redacting; silent unless the app configured one. */
  readonly logger: Logger;
  /** The text the caller has received so far. */
  readonly delivered: DeliveredSoFar;
  /** Says that the provider could not honour part of the request as asked. */
  warn(warning: Omit<CallWarning, 'provider'>): void;
  /** The whole validated request, for a provider that hands it on to others. */
  readonly request: ChatRequest;
}
