import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.EmptyResponseError');

export class EmptyResponseError extends SwitchyardError {
  readonly [marker] = true;

  constructor(options: { provider?: string | undefined }) {
    super('empty_response', 'the stream completed without any text.', { provider: options.provider });
    this.name = 'EmptyResponseError';
  }

  static override isInstance(error: unknown): error is EmptyResponseError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
