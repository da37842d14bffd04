import { closeDispatchers } from '@switchyard/core';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayFixture, gatewayKey, startGatewayFixture, upstreamKey } from '../test-support/gateway-fixture.js';

let fixture: GatewayFixture;
let client: OpenAI;

beforeEach(async () => {
  fixture = await startGatewayFixture();
  client = new OpenAI({ baseURL: fixture.baseURL, apiKey: gatewayKey, maxRetries: 0 });
});
afterEach(() => fixture.close());
afterAll(() => closeDispatchers());

describe('the official openai npm client against the gateway', () => {
  it('streams a chain’s answer, with usage, and names who served', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Hello', ', ', 'world'] });
    const { data: stream, response } = await client.chat.completions
      .create({
        model: 'default',
        messages: [{ role: 'user', content: 'Say hello.' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get('x-switchyard-provider')).toBe('LocalOpenAI');
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    let text = '';
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello, world');
    expect(finishReason).toBe('stop');
    expect(usage).toMatchObject({ completion_tokens: 3 });
  });

  it('completes without streaming', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Just', ' this.'] });
    const completion = await client.chat.completions.create({
      model: 'LocalOpenAI/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Answer.' }],
      temperature: 0.2,
      max_tokens: 50,
    });
    expect(completion.choices[0]?.message.content).toBe('Just this.');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.model).toBe('LocalOpenAI/gpt-4o-mini');
    const sent = JSON.parse(fixture.openAI.requests.at(-1)?.body ?? '{}');
    expect(sent).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 50 });
  });

  it('passes on reasoning and a length finish, streamed and not', async () => {
    fixture.openAI.enqueueReply({ reasoning: ['Hmm', '…'], tokens: ['Cut'], finishReason: 'length' });
    const completion = await client.chat.completions.create({
      model: 'LocalOpenAI/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Think.' }],
    });
    expect(completion.choices[0]?.message).toMatchObject({ content: 'Cut', reasoning_content: 'Hmm…' });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    fixture.openAI.enqueueReply({ reasoning: ['Hmm', '…'], tokens: ['Cut'], finishReason: 'length' });
    const stream = await client.chat.completions.create({
      model: 'LocalOpenAI/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Think.' }],
      stream: true,
    });
    let reasoning = '';
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      // Not in the SDK's types (DeepSeek's field, which the AI SDK and others read), but passed through.
      const delta: Record<string, unknown> = { ...chunk.choices[0]?.delta };
      reasoning += typeof delta.reasoning_content === 'string' ? delta.reasoning_content : '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    expect(reasoning).toBe('Hmm…');
    expect(finishReason).toBe('length');
  });

  it('raises APIError when the stream fails after its first chunk', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Half', ' an'], end: { kind: 'drop' } });
    const stream = await client.chat.completions.create({
      model: 'LocalOpenAI/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Fail midway.' }],
      stream: true,
    });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(text).toBe('Half an');
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).code).toBe('stream_interrupted');
  });

  it('raises typed errors for 401, 404 and 429', async () => {
    const wrongKey = new OpenAI({ baseURL: fixture.baseURL, apiKey: 'sk-wrong', maxRetries: 0 });
    const messages = [{ role: 'user' as const, content: 'Hi' }];
    await expect(wrongKey.chat.completions.create({ model: 'default', messages })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    await expect(client.chat.completions.create({ model: 'no-such-model', messages })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    fixture.openAI.failNext('chat_completions', { status: 429, headers: { 'retry-after': '7' } });
    const limited = await client.chat.completions
      .create({ model: 'LocalOpenAI/gpt-4o-mini', messages })
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('7');
    expect(JSON.stringify(limited)).not.toContain(upstreamKey);
  });
});
