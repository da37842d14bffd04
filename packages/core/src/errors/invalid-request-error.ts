import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.InvalidRequestError');

export interface InvalidRequestIssue {
  /** Dotted path of the offending field, e.g. `messages.0.role` or `options.topK`. */
  readonly path: string;
  readonly message: string;
}

/** The caller's input is wrong; nothing was sent. Not retryable: the same input fails again. */
export class InvalidRequestError extends SwitchyardError {
  readonly [marker] = true;
  readonly issues: readonly InvalidRequestIssue[];

  constructor(options: {
    issues: readonly InvalidRequestIssue[];
    provider?: string | undefined;
    cause?: unknown;
  }) {
    const described = options.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    super('invalid_request', `invalid request. ${described}`, {
      provider: options.provider,
      cause: options.cause,
    });
    this.name = 'InvalidRequestError';
    this.issues = options.issues;
  }

  static override isInstance(error: unknown): error is InvalidRequestError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
