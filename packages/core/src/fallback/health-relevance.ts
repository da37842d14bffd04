import type { SwitchyardError } from '../errors/switchyard-error.js';

/**
 * Failures that say nothing about whether the provider is up: the caller's doing. A configuration
 * mistake (a malformed cookie file, say) is the user's to fix, and fixing it fixes the next call;
 * counting it would put a working provider into cooldown.
 */
const callerCaused = new Set(['invalid_request', 'invalid_configuration', 'model_not_supported', 'aborted']);

export function countsAgainstHealth(error: SwitchyardError): boolean {
  return !callerCaused.has(error.code);
}
