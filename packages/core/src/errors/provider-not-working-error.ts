import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ProviderNotWorkingError');

export class ProviderNotWorkingError extends SwitchyardError {
  readonly [marker] = true;
  readonly reason: string;

  constructor(options: { provider: string; reason: string }) {
    super('provider_not_working', `the provider is not working: ${options.reason}.`, { provider: options.provider });
    this.name = 'ProviderNotWorkingError';
    this.reason = options.reason;
  }

  static override isInstance(error: unknown): error is ProviderNotWorkingError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
