import { SwitchyardError } from './switchyard-error.js';

const marker = Symbol.for('switchyard.error.MissingAuthError');

/** The server refused the credentials (401/403), or none were given where they are needed. */
export class MissingAuthError extends SwitchyardError {
  readonly [marker] = true;
  readonly status: number | undefined;

  constructor(options: { provider?: string | undefined; status?: number | undefined; hint: string }) {
    const answered = options.status === undefined ? 'credentials are missing' : `the server answered ${options.status}`;
    super('missing_auth', `${answered}: not authorised. ${options.hint}`, { provider: options.provider });
    this.name = 'MissingAuthError';
    this.status = options.status;
  }

  static override isInstance(error: unknown): error is MissingAuthError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
