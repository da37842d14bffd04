import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ModelNotSupportedError');

export class ModelNotSupportedError extends SwitchyardError {
  readonly [marker] = true;
  readonly model: string;
  readonly supportedModels: readonly string[];

  constructor(options: {
    model: string;
    supportedModels: readonly string[];
    provider?: string | undefined;
    detail?: string | undefined;
    cause?: unknown;
  }) {
    const detail = options.detail === undefined ? '' : ` The server said: ${options.detail}.`;
    super(
      'model_not_supported',
      `model "${options.model}" is not supported.${detail} Use one of: ${options.supportedModels.join(', ')}.`,
      { provider: options.provider, cause: options.cause },
    );
    this.name = 'ModelNotSupportedError';
    this.model = options.model;
    this.supportedModels = options.supportedModels;
  }

  static override isInstance(error: unknown): error is ModelNotSupportedError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
