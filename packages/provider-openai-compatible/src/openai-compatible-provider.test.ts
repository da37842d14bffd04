import {
  closeDispatchers,
  InvalidRequestError,
  type Messages,
  MissingAuthError,
  ModelNotSupportedError,
  RateLimitError,
  StreamInterruptedError,
  UpstreamError,
} from '@switchyard/core';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '@switchyard/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { OpenAICompatible } from './openai-compatible-provider.js';

const messages: Messages = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
];
const apiKey = 'sk-test-0123456789';
let server: OpenAICompatibleServer;

afterEach(async () => {
  // The flag test starts no server; closing the last one twice is harmless.
  const current = server as OpenAICompatibleServer | undefined;
  expect(current?.openStreams() ?? 0).toBe(0);
  await current?.close();
});
afterAll(closeDispatchers);

async function setup(settings: ConstructorParameters<typeof OpenAICompatible>[0] = {}) {
  server = await startOpenAICompatibleServer({ apiKey, models: ['gpt-4o-mini', 'llama3.1:8b'] });
  return new OpenAICompatible({ baseUrl: server.url, apiKey, models: ['gpt-4o-mini', 'llama3.1:8b'], ...settings });
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('OpenAICompatible', () => {
  it('defaults to OpenAI itself, which needs a key', () => {
    const provider = new OpenAICompatible();
    expect(provider).toMatchObject({
      name: 'OpenAICompatible',
      url: 'https://api.openai.com/v1',
      needsAuth: true,
      working: true,
      createsUpstreamChat: false,
      defaultModel: 'gpt-4o-mini',
    });
    expect(provider.hasCredentials()).toBe(false);
    expect(new OpenAICompatible({ name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' })).toMatchObject({
      name: 'Ollama',
      needsAuth: false,
    });
  });

  it('streams the chunks as text and sends an OpenAI request with the key and the parameters', async () => {
    const provider = await setup({ headers: { 'x-title': 'switchyard' } });
    server.enqueueReply({ tokens: ['Hel', 'lo ', '👋'] });
    const deltas: string[] = [];
    for await (const delta of provider.createAsyncGenerator('llama3.1:8b', messages, {
      temperature: 0.2,
      maxTokens: 50,
      stop: ['\n'],
    })) {
      deltas.push(delta);
    }
    expect(deltas.join('')).toBe('Hello 👋');
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request?.headers['x-title']).toBe('switchyard');
    expect(request?.json).toEqual({
      model: 'llama3.1:8b',
      messages,
      stream: true,
      temperature: 0.2,
      max_tokens: 50,
      stop: ['\n'],
    });
  });

  it('maps 401 to MissingAuthError without echoing the key', async () => {
    const provider = await setup({ apiKey: 'sk-wrong-key-9999' });
    const error = await failureOf(provider.createCompletion(undefined, messages));
    expect(MissingAuthError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain('sk-wrong-key-9999');
  });

  it('maps a model the server does not have to ModelNotSupportedError with its message', async () => {
    const provider = await setup({ models: [] });
    const error = await failureOf(provider.createCompletion('gpt-5-turbo', messages));
    expect(ModelNotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('does not exist');
  });

  it('maps a 400 to InvalidRequestError and a 429 to a RateLimitError with Retry-After', async () => {
    const provider = await setup();
    server.failNext('chat_completions', {
      status: 400,
      body: '{"error":{"message":"max_tokens is too large","type":"invalid_request_error","param":"max_tokens","code":null}}',
    });
    const invalid = await failureOf(provider.createCompletion(undefined, messages));
    expect(InvalidRequestError.isInstance(invalid)).toBe(true);
    expect((invalid as Error).message).toContain('max_tokens is too large');
    server.failNext('chat_completions', {
      status: 429,
      headers: { 'retry-after': '20' },
      body: '{"error":{"message":"slow down"}}',
    });
    const limited = await failureOf(provider.createCompletion(undefined, messages));
    expect(RateLimitError.isInstance(limited)).toBe(true);
    expect(limited).toMatchObject({ retryAfterMs: 20_000, retryable: true });
  });

  it('raises the error object a server sends mid-stream', async () => {
    const provider = await setup();
    server.enqueueReply({ tokens: ['so'], end: { kind: 'error', message: 'overloaded', type: 'server_error' } });
    const error = await failureOf(provider.createCompletion(undefined, messages));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as UpstreamError).upstreamMessage).toBe('overloaded');
  });

  it('treats a body that ends without a finish reason or [DONE] as interrupted', async () => {
    const provider = await setup();
    server.enqueueReply({ tokens: ['cut', ' short'], end: { kind: 'close' } });
    const error = await failureOf(provider.createCompletion(undefined, messages));
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).partialText).toBe('cut short');
  });

  it('accepts a stream that ends with a finish reason and [DONE] as complete, whatever the reason', async () => {
    const provider = await setup();
    server.enqueueReply({ tokens: ['long'], finishReason: 'length' });
    expect((await provider.createCompletion(undefined, messages)).text).toBe('long');
  });

  it('rejects unknown per-call keys before any request', async () => {
    const provider = await setup();
    expect(() => provider.createAsyncGenerator(undefined, messages, { topK: 5 } as never)).toThrowError(
      /options\.topK/,
    );
    expect(server.requests).toEqual([]);
  });
});
