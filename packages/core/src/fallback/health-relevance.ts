import type { SwitchyardError } from '../errors/switchyard-error.js';

/** Failures that say nothing about whether the provider is up: the caller's doing. */
const callerCaused = new Set(['invalid_request', 'model_not_supported', 'aborted']);

export function countsAgainstHealth(error: SwitchyardError): boolean {
  return !callerCaused.has(error.code);
}
