import { describe, expect, it } from 'vitest';
import { MissingAuthError } from '../errors/missing-auth-error.js';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { UpstreamError } from '../errors/upstream-error.js';
import { errorEnvelopeFromText, errorEnvelopeOf } from './error-envelope.js';
import { errorFromEnvelope } from './error-from-envelope.js';

describe('errorEnvelopeOf', () => {
  it.each([
    ["OpenAI's", { error: { message: 'm', type: 't', code: 'c' } }, { message: 'm', type: 't', code: 'c' }],
    ['a bare string', { error: 'm' }, { message: 'm', type: undefined, code: undefined }],
    [
      "vLLM's flat",
      { object: 'error', message: 'm', type: 'NotFoundError', code: 404 },
      { message: 'm', type: 'NotFoundError', code: '404' },
    ],
    [
      "Anthropic's",
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      { message: 'Overloaded', type: 'overloaded_error', code: undefined },
    ],
  ])('reads %s envelope', (_shape, body, expected) => {
    expect(errorEnvelopeOf(body)).toEqual(expected);
  });

  it('finds none in a body that is not an error, or not JSON', () => {
    expect(errorEnvelopeOf({ choices: [] })).toBeUndefined();
    expect(errorEnvelopeFromText('<html>Bad Gateway</html>')).toBeUndefined();
  });
});

describe('errorFromEnvelope', () => {
  const context = { provider: 'P', model: 'm-1', authHint: 'Set a key.' };
  it.each([
    [
      { message: 'x', type: 'authentication_error', code: undefined },
      (error: unknown) => MissingAuthError.isInstance(error),
    ],
    [
      { message: 'x', type: 'requests', code: 'rate_limit_exceeded' },
      (error: unknown) => RateLimitError.isInstance(error) && error.retryable,
    ],
    [
      { message: 'model: m-1', type: 'not_found_error', code: undefined },
      (error: unknown) => ModelNotSupportedError.isInstance(error),
    ],
    [
      { message: 'Overloaded', type: 'overloaded_error', code: undefined },
      (error: unknown) => UpstreamError.isInstance(error) && error.retryable,
    ],
    [
      { message: 'no', type: 'invalid_request_error', code: 'content_policy' },
      (error: unknown) => UpstreamError.isInstance(error) && !error.retryable,
    ],
  ])('types %o by what it says', (envelope, expected) => {
    expect(errorFromEnvelope(envelope, context)).toSatisfy(expected);
  });
});
