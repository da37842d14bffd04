import {
  closeDispatchers,
  InvalidRequestError,
  type Messages,
  MissingAuthError,
  ModelNotSupportedError,
  RateLimitError,
  ResponseStatusError,
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
      name: 'OpenAI',
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

  it('streams the chunks as text and sends an OpenAI request with the key and the standard settings', async () => {
    const provider = await setup({ headers: { 'x-title': 'switchyard' } });
    server.enqueueReply({ tokens: ['Hel', 'lo ', '👋'] });
    const deltas: string[] = [];
    for await (const delta of provider.createAsyncGenerator('llama3.1:8b', messages, {
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 50,
      stopSequences: ['\n'],
      seed: 7,
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
      stream_options: { include_usage: true },
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 50,
      stop: ['\n'],
      seed: 7,
    });
  });

  it('maps 401 to MissingAuthError without echoing the key', async () => {
    const provider = await setup({ apiKey: 'sk-wrong-key-9999' });
    const error = await failureOf(provider.createCompletion(undefined, messages));
    expect(MissingAuthError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain('sk-wrong-key-9999');
  });

  it('maps a model the server does not have to ModelNotSupportedError listing what the server serves', async () => {
    const provider = await setup({ models: [] });
    const error = await failureOf(provider.createCompletion('gpt-5-turbo', messages));
    expect(ModelNotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'does not exist or you do not have access to it. Use one of: gpt-4o-mini, llama3.1:8b.',
    );
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/chat/completions', '/v1/models']);
  });

  it('says how to choose a model when the server cannot list its models either', async () => {
    const provider = await setup({ models: [] });
    server.failNext('models', { status: 500, body: 'no list today' });
    const error = await failureOf(provider.createCompletion('gpt-5-turbo', messages));
    expect(ModelNotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toMatch(/Use one of|\.\./);
    expect((error as Error).message).toContain("the CLI's --model, or providers.OpenAI.models");
  });

  it('asks whether /v1 was meant when a base URL without it gets a 404', async () => {
    const provider = await setup();
    const versionless = new OpenAICompatible({ baseUrl: server.origin, apiKey });
    const error = await failureOf(versionless.complete({ messages }));
    expect(ResponseStatusError.isInstance(error) && error.status === 404).toBe(true);
    expect((error as Error).message).toContain(`did you mean ${server.origin}/v1?`);
    server.failNext('chat_completions', { status: 404, body: 'no such route' });
    expect(((await failureOf(provider.complete({ messages }))) as Error).message).not.toContain('did you mean');
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

  it.each([
    ['rate_limit_exceeded', 'requests', (error: unknown) => RateLimitError.isInstance(error) && error.retryable],
    ['invalid_api_key', 'invalid_request_error', (error: unknown) => MissingAuthError.isInstance(error)],
    ['model_not_found', 'invalid_request_error', (error: unknown) => ModelNotSupportedError.isInstance(error)],
    [null, 'server_error', (error: unknown) => UpstreamError.isInstance(error) && error.retryable],
    [null, 'overloaded_error', (error: unknown) => UpstreamError.isInstance(error) && error.retryable],
    [
      'content_policy',
      'invalid_request_error',
      (error: unknown) => UpstreamError.isInstance(error) && !error.retryable,
    ],
  ])('types an error event with code %s and type %s by what it says', async (code, type, expected) => {
    const provider = await setup();
    server.enqueueReply({ tokens: [], end: { kind: 'error', message: 'it went wrong', type, code } });
    const error = await failureOf(provider.createCompletion(undefined, messages));
    expect(error).toSatisfy(expected);
  });

  it('raises the error object a server sends mid-stream after the text so far', async () => {
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

  it('accepts a stream that ends with a finish reason and [DONE] as complete, and reports the reason and usage', async () => {
    const provider = await setup();
    server.enqueueReply({ tokens: ['long'], finishReason: 'length' });
    const result = await provider.complete({ messages });
    expect(result).toMatchObject({ text: 'long', finishReason: 'length', rawFinishReason: 'length' });
    expect(result.usage).toMatchObject({
      outputTokens: 1,
      totalTokens: expect.any(Number),
      inputTokens: expect.any(Number),
    });
  });

  it('streams reasoning for longer than the first-token limit and completes with reasoning, text, finish and usage', async () => {
    const provider = await setup({ timeouts: { firstTokenMs: 150, idleMs: 5_000 } });
    server.enqueueReply({ reasoning: Array.from({ length: 12 }, () => 'hmm '), tokens: ['4'], tokenDelayMs: 30 });
    const result = await provider.complete({ messages });
    expect(result).toMatchObject({ text: '4', reasoning: 'hmm '.repeat(12), finishReason: 'stop' });
    expect(result.usage?.outputTokens).toBe(1);
  });

  it('reads OpenRouter-style `reasoning` deltas as reasoning parts, before the text', async () => {
    const provider = await setup();
    server.enqueueReply({ reasoning: ['think'], reasoningField: 'reasoning', tokens: ['say'] });
    const kinds: string[] = [];
    for await (const part of provider.stream({ messages })) kinds.push(part.type);
    expect(kinds).toEqual(['start', 'reasoning', 'text', 'finish']);
  });

  it('still works against a server that rejects stream_options, without asking again', async () => {
    server = await startOpenAICompatibleServer({ apiKey, rejectsStreamOptions: true });
    const provider = new OpenAICompatible({ baseUrl: server.url, apiKey });
    expect((await provider.complete({ messages })).usage).toBeUndefined();
    await provider.complete({ messages });
    const asked = server.requests.map((request) => (request.json as { stream_options?: unknown }).stream_options);
    expect(asked).toEqual([{ include_usage: true }, undefined, undefined]);
  });

  it('warns of topK, which its wire has no place for, and sends extraBody for server-specific fields', async () => {
    const provider = await setup();
    const result = await provider.complete({
      messages,
      topK: 40,
      providerOptions: { OpenAI: { extraBody: { top_k: 40, keep_alive: '5m' }, presencePenalty: 0.5 } },
    });
    expect(result.warnings).toMatchObject([{ setting: 'topK', type: 'unsupported-setting', provider: 'OpenAI' }]);
    expect(server.requests[0]?.json).toMatchObject({ top_k: 40, keep_alive: '5m', presence_penalty: 0.5 });
  });

  it('rejects unknown keys and options before any request, naming the path', async () => {
    const provider = await setup();
    expect(() => provider.createAsyncGenerator(undefined, messages, { topk: 5 } as never)).toThrowError(
      /options\.topk/,
    );
    expect(() => provider.stream({ messages, providerOptions: { OpenAI: { extraBody: 'top_k=4' } } })).toThrowError(
      /request\.providerOptions\.OpenAI\.extraBody/,
    );
    expect(server.requests).toEqual([]);
  });
});
