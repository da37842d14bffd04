import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { closeDispatchers } from '@switchyard/core';
import { APICallError, generateText, streamText } from 'ai';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayFixture, gatewayKey, startGatewayFixture } from '../test-support/gateway-fixture.js';

let fixture: GatewayFixture;

beforeEach(async () => {
  fixture = await startGatewayFixture();
});
afterEach(() => fixture.close());
afterAll(() => closeDispatchers());

const switchyard = (apiKey = gatewayKey) =>
  createOpenAICompatible({ name: 'switchyard', baseURL: fixture.baseURL, apiKey, includeUsage: true });

/** Every part of `streamText`'s full stream, with the errors it reported. */
async function streamParts(model: string, apiKey?: string) {
  const errors: unknown[] = [];
  const result = streamText({
    model: switchyard(apiKey)(model),
    prompt: 'Say hello.',
    maxRetries: 0,
    onError: ({ error }) => {
      errors.push(error);
    },
  });
  let text = '';
  let reasoning = '';
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') text += part.text;
    if (part.type === 'reasoning-delta') reasoning += part.text;
    if (part.type === 'error') errors.push(part.error);
  }
  return { result, text, reasoning, errors };
}

describe('the AI SDK’s @ai-sdk/openai-compatible with streamText, against the gateway', () => {
  it('streams text and reasoning, with the finish reason and usage', async () => {
    fixture.openAI.enqueueReply({ reasoning: ['Think', 'ing.'], tokens: ['Hello', ' there'] });
    const { result, text, reasoning, errors } = await streamParts('LocalOpenAI/gpt-4o-mini');
    expect(errors).toEqual([]);
    expect(text).toBe('Hello there');
    expect(reasoning).toBe('Thinking.');
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBe(2);
  });

  it('completes through a chain with generateText', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Served', ' second'] });
    const { text, response } = await generateText({ model: switchyard()('default'), prompt: 'Hi', maxRetries: 0 });
    expect(text).toBe('Served second');
    expect(response.headers?.['x-switchyard-provider']).toBe('LocalOpenAI');
  });

  it('reports a mid-stream failure as an error', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Half', ' an'], end: { kind: 'drop' } });
    const { text, errors } = await streamParts('LocalOpenAI/gpt-4o-mini');
    expect(text).toBe('Half an');
    expect(errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(errors[0])).toContain('stream_interrupted');
  });

  it('gets typed errors for 401, 404 and 429', async () => {
    const statusOf = async (model: string, apiKey?: string) => {
      const error = await generateText({ model: switchyard(apiKey)(model), prompt: 'Hi', maxRetries: 0 }).catch(
        (caught: unknown) => caught,
      );
      expect(APICallError.isInstance(error)).toBe(true);
      return (error as APICallError).statusCode;
    };
    expect(await statusOf('default', 'sk-wrong')).toBe(401);
    expect(await statusOf('no-such-model')).toBe(404);
    fixture.openAI.failNext('chat_completions', { status: 429, headers: { 'retry-after': '3' } });
    expect(await statusOf('LocalOpenAI/gpt-4o-mini')).toBe(429);
    // And through streamText, where the error arrives as a part.
    const { errors } = await streamParts('default', 'sk-wrong');
    expect(APICallError.isInstance(errors[0]) && errors[0].statusCode).toBe(401);
  });
});
