import {
  AbortedError,
  AllProvidersFailedError,
  ConfigurationError,
  InvalidRequestError,
  MissingAuthError,
  ModelNotSupportedError,
  ProviderNotFoundError,
  ProxyAuthError,
  RateLimitError,
} from '@switchyard/core';
import { PluginLoadError } from './plugins/plugin-load-error.js';
import { UsageError } from './usage-error.js';

/** What the exit code tells a script about how `switchyard` ended. */
export const exitCodes = {
  ok: 0,
  failure: 1,
  badInput: 2,
  auth: 3,
  rateLimited: 4,
  allProvidersFailed: 5,
  interrupted: 130,
  /** 128 + SIGPIPE, what `yes | head` leaves in `$?` and `set -o pipefail` knows: the reader went away. */
  closedPipe: 141,
} as const;

export function exitCodeFor(error: unknown): number {
  if (AbortedError.isInstance(error)) return exitCodes.interrupted;
  if (
    error instanceof UsageError ||
    error instanceof PluginLoadError ||
    InvalidRequestError.isInstance(error) ||
    ConfigurationError.isInstance(error) ||
    ModelNotSupportedError.isInstance(error) ||
    ProviderNotFoundError.isInstance(error)
  ) {
    return exitCodes.badInput;
  }
  if (MissingAuthError.isInstance(error) || ProxyAuthError.isInstance(error)) return exitCodes.auth;
  if (RateLimitError.isInstance(error)) return exitCodes.rateLimited;
  if (AllProvidersFailedError.isInstance(error)) return exitCodes.allProvidersFailed;
  return exitCodes.failure;
}
