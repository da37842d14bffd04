import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.UpstreamError');

/** The server reported a failure inside the stream (an `error` event from the model worker). */
export class UpstreamError extends SwitchyardError {
  readonly [marker] = true;
  readonly upstreamMessage: string;

  constructor(options: { provider?: string | undefined; upstreamMessage: string; retryable?: boolean | undefined }) {
    super('upstream_error', `the server reported an error while generating: "${options.upstreamMessage}".`, {
      provider: options.provider,
      retryable: options.retryable ?? false,
    });
    this.name = 'UpstreamError';
    this.upstreamMessage = options.upstreamMessage;
  }

  static override isInstance(error: unknown): error is UpstreamError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
