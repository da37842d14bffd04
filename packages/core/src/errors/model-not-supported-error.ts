import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ModelNotSupportedError');

export class ModelNotSupportedError extends SwitchyardError {
  readonly [marker] = true;
  readonly model: string;
  /** What the provider serves; empty when it could not be told. */
  readonly supportedModels: readonly string[];
  /** What the server said, when it was the server that refused the model. */
  readonly detail: string | undefined;

  constructor(options: {
    model: string;
    supportedModels: readonly string[];
    provider?: string | undefined;
    detail?: string | undefined;
    /** How to choose a model, said when there is no list to choose from. */
    hint?: string | undefined;
    cause?: unknown;
  }) {
    const detail = options.detail === undefined ? '' : ` The server said: ${options.detail.replace(/[.\s]+$/, '')}.`;
    const choose =
      options.supportedModels.length > 0
        ? ` Use one of: ${options.supportedModels.join(', ')}.`
        : ` ${options.hint ?? 'Choose a model the provider serves.'}`;
    super('model_not_supported', `model "${options.model}" is not supported.${detail}${choose}`, {
      provider: options.provider,
      cause: options.cause,
    });
    this.name = 'ModelNotSupportedError';
    this.model = options.model;
    this.supportedModels = options.supportedModels;
    this.detail = options.detail;
  }

  static override isInstance(error: unknown): error is ModelNotSupportedError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
