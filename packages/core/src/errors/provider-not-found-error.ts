import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ProviderNotFoundError');

export class ProviderNotFoundError extends SwitchyardError {
  readonly [marker] = true;
  readonly requested: string;
  readonly knownProviders: readonly string[];

  constructor(options: { requested: string; knownProviders: readonly string[] }) {
    const known = options.knownProviders.length > 0 ? options.knownProviders.join(', ') : 'none are registered';
    super('provider_not_found', `no provider named "${options.requested}". Known providers: ${known}.`);
    this.name = 'ProviderNotFoundError';
    this.requested = options.requested;
    this.knownProviders = options.knownProviders;
  }

  static override isInstance(error: unknown): error is ProviderNotFoundError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
