import { describe, expect, it } from 'vitest';
import { RateLimitError } from './rate-limit-error.js';
import { SwitchyardError } from './switchyard-error.js';
import { TimeoutError } from './timeout-error.js';

describe('SwitchyardError.isInstance', () => {
  it('recognises errors of its own kind and the base', () => {
    const error = new TimeoutError({ provider: 'P', phase: 'idle', timeoutMs: 5 });
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(SwitchyardError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance(error)).toBe(false);
    expect(SwitchyardError.isInstance(new Error('plain'))).toBe(false);
    expect(SwitchyardError.isInstance(null)).toBe(false);
    expect(SwitchyardError.isInstance('TimeoutError')).toBe(false);
  });

  it('recognises an error made by another copy of the package', () => {
    // A second copy has its own classes but shares the registry-wide Symbol.for markers.
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('switchyard.error')]: true,
      [Symbol.for('switchyard.error.TimeoutError')]: true,
    });
    expect(foreign instanceof TimeoutError).toBe(false);
    expect(TimeoutError.isInstance(foreign)).toBe(true);
    expect(SwitchyardError.isInstance(foreign)).toBe(true);
  });

  it('carries code, provider, retryable and cause, and names the provider in the message', () => {
    const cause = new Error('socket hang up');
    const error = new TimeoutError({ provider: 'OpenAssistant', phase: 'firstToken', timeoutMs: 60_000, cause });
    expect(error).toMatchObject({ code: 'timeout', provider: 'OpenAssistant', retryable: true, cause });
    expect(error.message).toBe(
      'OpenAssistant: timed out after 60000 ms waiting for the first token (timeouts.firstTokenMs).',
    );
  });
});
