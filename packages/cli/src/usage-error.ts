/**
 * A mistake on the command line that no provider was asked about: flags that contradict each
 * other, a file that is not there, a value a flag cannot take. Exit code 2, like a bad flag.
 */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}
