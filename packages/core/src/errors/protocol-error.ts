import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.ProtocolError');

/** The server's bytes do not follow the protocol (bad JSON, an over-long SSE line, a missing field). */
export class ProtocolError extends SwitchyardError {
  readonly [marker] = true;

  constructor(options: { provider?: string | undefined; detail: string; cause?: unknown }) {
    super('protocol_error', `the server's response broke the protocol: ${options.detail}.`, {
      provider: options.provider,
      cause: options.cause,
    });
    this.name = 'ProtocolError';
  }

  static override isInstance(error: unknown): error is ProtocolError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
