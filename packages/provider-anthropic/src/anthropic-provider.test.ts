import {
  closeDispatchers,
  InvalidRequestError,
  type Messages,
  MissingAuthError,
  ModelNotSupportedError,
  RateLimitError,
  ResponseStatusError,
  StreamInterruptedError,
  type StreamPart,
  UpstreamError,
} from '@switchyard/core';
import { type AnthropicServer, startAnthropicServer } from '@switchyard/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Anthropic } from './anthropic-provider.js';

const apiKey = 'sk-ant-test-0123456789';
const messages: Messages = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: '' },
  { role: 'user', content: 'Again' },
];
let server: AnthropicServer | undefined;

afterEach(async () => {
  expect(server?.openStreams() ?? 0).toBe(0);
  await server?.close();
  server = undefined;
});
afterAll(closeDispatchers);

async function setup(settings: ConstructorParameters<typeof Anthropic>[0] = {}) {
  server = await startAnthropicServer({ apiKey });
  return { server, provider: new Anthropic({ baseUrl: server.baseUrl, apiKey, ...settings }) };
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('Anthropic', () => {
  it('needs a key, and has one only when configured', () => {
    expect(new Anthropic()).toMatchObject({ name: 'Anthropic', url: 'https://api.anthropic.com/v1', needsAuth: true });
    expect(new Anthropic().hasCredentials()).toBe(false);
    expect(new Anthropic({ apiKey }).hasCredentials()).toBe(true);
  });

  it('sends the Messages API request: headers, top-level system, max_tokens, the mapped settings', async () => {
    const { provider, server } = await setup();
    server.enqueueReply({ tokens: ['Bon', 'jour'] });
    const result = await provider.complete({
      messages,
      model: 'claude-haiku-4-5',
      temperature: 0.5,
      topP: 0.9,
      topK: 20,
      stopSequences: ['\n\n'],
    });
    expect(result).toMatchObject({ text: 'Bonjour', finishReason: 'stop', rawFinishReason: 'end_turn', warnings: [] });
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe(apiKey);
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
    expect(request?.json).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 4096,
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'user', content: 'Again' },
      ],
      stream: true,
      temperature: 0.5,
      top_p: 0.9,
      top_k: 20,
      stop_sequences: ['\n\n'],
    });
  });

  it('streams thinking as reasoning, then the text, and reports the stop reason and usage', async () => {
    const { provider, server } = await setup();
    server.enqueueReply({ reasoning: ['Let me ', 'think.'], tokens: ['42'], finishReason: 'length' });
    const parts: StreamPart[] = [];
    for await (const part of provider.stream({
      messages,
      maxOutputTokens: 3000,
      providerOptions: { Anthropic: { thinking: { budgetTokens: 2048 } } },
    })) {
      parts.push(part);
    }
    // The first delta is handed over on its own, the moment it is decoded; runs of a kind follow it.
    const kinds = parts.map((part) => part.type).filter((type, index, all) => type !== all[index - 1]);
    expect(kinds).toEqual(['start', 'reasoning', 'text', 'finish']);
    const reasoning = parts.flatMap((part) => (part.type === 'reasoning' ? [part.text] : []));
    expect(reasoning.join('')).toBe('Let me think.');
    expect(parts.at(-1)).toMatchObject({
      finishReason: 'length',
      rawFinishReason: 'max_tokens',
      usage: { outputTokens: 3, inputTokens: expect.any(Number), totalTokens: expect.any(Number) },
    });
    expect(server.requests[0]?.json).toMatchObject({
      max_tokens: 3000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
  });

  it('warns of seed and of a temperature above 1, which it sends as 1', async () => {
    const { provider, server } = await setup();
    const result = await provider.complete({ messages, temperature: 1.5, seed: 7 });
    expect(result.warnings).toMatchObject([
      { setting: 'seed', type: 'unsupported-setting' },
      { setting: 'temperature', type: 'changed-setting' },
    ]);
    expect(server.requests[0]?.json).toMatchObject({ temperature: 1 });
  });

  it('rejects a request with nothing but system messages before sending it', async () => {
    const { provider, server } = await setup();
    const error = await failureOf(provider.complete({ messages: [{ role: 'system', content: 'alone' }] }));
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(server.requests).toEqual([]);
  });

  it('maps a wrong key to MissingAuthError without echoing it, and an unknown model to ModelNotSupportedError', async () => {
    const { provider } = await setup({ apiKey: 'sk-ant-wrong-9999' });
    const auth = await failureOf(provider.complete({ messages }));
    expect(MissingAuthError.isInstance(auth)).toBe(true);
    expect((auth as Error).message).not.toContain('sk-ant-wrong-9999');
    const { provider: right } = await setup();
    const model = await failureOf(right.complete({ messages, model: 'claude-1' }));
    expect(ModelNotSupportedError.isInstance(model)).toBe(true);
  });

  it('asks whether /v1 was meant when a base URL without it gets a 404', async () => {
    const { provider, server } = await setup();
    const versionless = new Anthropic({ baseUrl: server.url, apiKey });
    const error = await failureOf(versionless.complete({ messages }));
    expect(ResponseStatusError.isInstance(error) && error.status === 404).toBe(true);
    expect((error as Error).message).toContain(`did you mean ${server.url}/v1?`);
    // With /v1, a 404 that is no missing model says nothing of the URL.
    server.failNext('answer', { status: 404, body: '{}' });
    expect(((await failureOf(provider.complete({ messages }))) as Error).message).not.toContain('did you mean');
  });

  it('makes 429 a rate limit with retry-after and 529 overloaded a retryable status error', async () => {
    const { provider, server } = await setup();
    server.failNext('answer', { status: 429, headers: { 'retry-after': '12' }, body: '{}' });
    expect(await failureOf(provider.complete({ messages }))).toSatisfy(
      (error: unknown) => RateLimitError.isInstance(error) && error.retryAfterMs === 12_000,
    );
    server.failNext('answer', {
      status: 529,
      body: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    });
    expect(await failureOf(provider.complete({ messages }))).toSatisfy(
      (error: unknown) => ResponseStatusError.isInstance(error) && error.status === 529 && error.retryable,
    );
  });

  it('types an error event by its error type, after the text so far', async () => {
    const { provider, server } = await setup();
    server.enqueueReply({ tokens: ['so'], end: { kind: 'error', message: 'boom' } });
    const error = await failureOf(provider.complete({ messages }));
    expect(UpstreamError.isInstance(error) && error.retryable && error.upstreamMessage.includes('boom')).toBe(true);
  });

  it('treats a stream that ends without message_stop as interrupted', async () => {
    const { provider, server } = await setup();
    server.enqueueReply({ tokens: ['cut', ' short'], end: { kind: 'close' } });
    const error = await failureOf(provider.complete({ messages }));
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).partialText).toBe('cut short');
  });

  it('rejects unknown provider options before any request, naming the path', async () => {
    const { provider, server } = await setup();
    expect(() =>
      provider.stream({ messages, providerOptions: { Anthropic: { thinking: { budget: 10 } } } }),
    ).toThrowError(/request\.providerOptions\.Anthropic\.thinking/);
    expect(server.requests).toEqual([]);
  });
});
