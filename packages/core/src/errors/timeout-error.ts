import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.TimeoutError');

export type TimeoutPhase = 'connect' | 'headers' | 'firstToken' | 'idle' | 'total';

const phaseDescriptions: Readonly<Record<TimeoutPhase, string>> = {
  connect: 'connecting to the server',
  headers: 'waiting for the response headers',
  firstToken: 'waiting for the first token',
  idle: 'waiting for the next chunk of the stream',
  total: 'the whole call',
};

export class TimeoutError extends SwitchyardError {
  readonly [marker] = true;
  readonly phase: TimeoutPhase;
  readonly timeoutMs: number;

  constructor(options: { provider?: string | undefined; phase: TimeoutPhase; timeoutMs: number; cause?: unknown }) {
    super(
      'timeout',
      `timed out after ${options.timeoutMs} ms ${phaseDescriptions[options.phase]} (timeouts.${options.phase}Ms).`,
      { provider: options.provider, retryable: true, cause: options.cause },
    );
    this.name = 'TimeoutError';
    this.phase = options.phase;
    this.timeoutMs = options.timeoutMs;
  }

  static override isInstance(error: unknown): error is TimeoutError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
