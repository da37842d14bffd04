import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ConfigurationError');

/** A config file, environment variable or cookie file is malformed. Names the source and the key. */
export class ConfigurationError extends SwitchyardError {
  readonly [marker] = true;
  /** The file path or environment variable the bad value came from. */
  readonly source: string;

  constructor(options: { source: string; problems: readonly string[]; cause?: unknown }) {
    super('invalid_configuration', `invalid configuration in ${options.source}: ${options.problems.join('; ')}`, {
      cause: options.cause,
    });
    this.name = 'ConfigurationError';
    this.source = options.source;
  }

  static override isInstance(error: unknown): error is ConfigurationError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
