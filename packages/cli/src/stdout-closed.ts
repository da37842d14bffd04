/**
 * The abort reason when the reader of stdout went away (`| head`): the command stops its call
 * and ends with the closed-pipe status, saying nothing, as `yes | head` does.
 */
export class StdoutClosedError extends Error {
  constructor() {
    super('the reader of stdout went away');
    this.name = 'StdoutClosedError';
  }
}

export function stdoutWasClosed(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason instanceof StdoutClosedError;
}
