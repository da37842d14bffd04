import { ConnectionError, MissingAuthError, ProxyAuthError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, exitCodes } from './exit-codes.js';

describe('exitCodeFor', () => {
  it('tells a script that a proxy turned the credentials away, as for a provider', () => {
    const proxy = new ProxyAuthError({
      provider: 'OpenAssistant',
      proxy: 'http://127.0.0.1:8888',
      status: 407,
      detail: 'it answered 407 to CONNECT',
      credentialsGiven: true,
    });
    expect(exitCodeFor(proxy)).toBe(exitCodes.auth);
    expect(exitCodeFor(new MissingAuthError({ status: 401, hint: 'Log in again.' }))).toBe(exitCodes.auth);
    // A proxy that is down is no question of credentials.
    const refused = new ConnectionError({ target: 'http://x/', proxy: 'http://127.0.0.1:8888', failedHop: 'proxy' });
    expect(exitCodeFor(refused)).toBe(exitCodes.failure);
  });
});
