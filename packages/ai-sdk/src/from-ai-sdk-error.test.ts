import {
  APICallError,
  JSONParseError,
  LoadAPIKeyError,
  NoSuchModelError,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import {
  ConnectionError,
  InvalidRequestError,
  MissingAuthError,
  ModelNotSupportedError,
  ProtocolError,
  RateLimitError,
  ResponseStatusError,
  TimeoutError,
  UpstreamError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { fromAiSdkError, fromAiSdkStreamError } from './from-ai-sdk-error.js';

const context = { provider: 'Bridged', model: 'm-1', timeouts: { connectMs: 111, headersMs: 222 } };
const url = 'https://api.example.com/v1/chat/completions?key=secret-in-query';

const apiCallError = (fields: Partial<ConstructorParameters<typeof APICallError>[0]>) =>
  new APICallError({ message: 'failed', url, requestBodyValues: {}, ...fields });

/** What undici's fetch throws for a request that got no answer, as the AI SDK wraps it. */
function networkFailure(code: string): APICallError {
  const socket = Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
  return apiCallError({ message: `Cannot connect to API: ${socket.message}`, cause: socket, isRetryable: true });
}

describe('fromAiSdkError', () => {
  it('types an APICallError by its status, as Switchyard types its own responses', () => {
    expect(fromAiSdkError(apiCallError({ statusCode: 401 }), context)).toBeInstanceOf(MissingAuthError);
    expect(fromAiSdkError(apiCallError({ statusCode: 403 }), context)).toBeInstanceOf(MissingAuthError);
    const limited = fromAiSdkError(
      apiCallError({ statusCode: 429, responseHeaders: { 'retry-after': '3' }, isRetryable: true }),
      context,
    );
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited).toMatchObject({ retryAfterMs: 3000, retryable: true, provider: 'Bridged' });
    const unavailable = fromAiSdkError(apiCallError({ statusCode: 503, responseBody: '{"error":"busy"}' }), context);
    expect(unavailable).toBeInstanceOf(ResponseStatusError);
    expect(unavailable).toMatchObject({ status: 503, retryable: true, bodyExcerpt: '{"error":"busy"}' });
    expect(fromAiSdkError(apiCallError({ statusCode: 400 }), context)).toMatchObject({ status: 400, retryable: false });
    // The AI SDK retries 408 and 409 too; so does a chain.
    expect(fromAiSdkError(apiCallError({ statusCode: 408, isRetryable: true }), context)).toMatchObject({
      status: 408,
      retryable: true,
    });
  });

  it('never quotes the query of the URL, where some APIs put their key', () => {
    const error = fromAiSdkError(apiCallError({ statusCode: 500 }), context);
    expect(error.message).toContain('https://api.example.com/v1/chat/completions');
    expect(error.message).not.toContain('secret-in-query');
  });

  it('a request that got no answer is a retryable connection failure, or a connect timeout', () => {
    const refused = fromAiSdkError(networkFailure('ECONNREFUSED'), context);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect(refused).toMatchObject({ errorCode: 'ECONNREFUSED', retryable: true });
    const slow = fromAiSdkError(networkFailure('UND_ERR_CONNECT_TIMEOUT'), context);
    expect(slow).toBeInstanceOf(TimeoutError);
    expect(slow).toMatchObject({ phase: 'connect', timeoutMs: 111 });
  });

  it('a 200 whose body broke off mid-read is a connection failure, not a status error', () => {
    const cut = apiCallError({
      message: 'Failed to process successful response',
      statusCode: 200,
      cause: new TypeError('terminated', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      }),
    });
    expect(fromAiSdkError(cut, context)).toBeInstanceOf(ConnectionError);
  });

  it("types the AI SDK's other errors: missing key, unknown model, refused request, unreadable response", () => {
    expect(fromAiSdkError(new LoadAPIKeyError({ message: 'API key is missing.' }), context)).toBeInstanceOf(
      MissingAuthError,
    );
    const unknown = fromAiSdkError(new NoSuchModelError({ modelId: 'm-1', modelType: 'languageModel' }), context);
    expect(unknown).toBeInstanceOf(ModelNotSupportedError);
    expect(unknown).toMatchObject({ model: 'm-1' });
    expect(fromAiSdkError(new UnsupportedFunctionalityError({ functionality: 'seed' }), context)).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(fromAiSdkError(new JSONParseError({ text: '{nope', cause: undefined }), context)).toBeInstanceOf(
      ProtocolError,
    );
    expect(fromAiSdkError(new Error('something odd'), context)).toBeInstanceOf(ProtocolError);
  });
});

describe('fromAiSdkStreamError', () => {
  it("an error the server sent inside the stream is an UpstreamError, retryable when it says it is the server's", () => {
    expect(fromAiSdkStreamError('worker crashed', context)).toMatchObject({ upstreamMessage: 'worker crashed' });
    const overloaded = fromAiSdkStreamError({ message: 'try later', type: 'server_error', code: null }, context);
    expect(overloaded).toBeInstanceOf(UpstreamError);
    expect(overloaded).toMatchObject({ upstreamMessage: 'try later', retryable: true });
    expect(fromAiSdkStreamError({ message: 'bad input', type: 'invalid_request_error' }, context)).toMatchObject({
      retryable: false,
    });
  });

  it('an error of the model itself is typed like a thrown one', () => {
    expect(fromAiSdkStreamError(new JSONParseError({ text: '{nope', cause: undefined }), context)).toBeInstanceOf(
      ProtocolError,
    );
  });
});
