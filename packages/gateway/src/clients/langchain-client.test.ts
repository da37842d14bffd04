import { ChatOpenAI } from '@langchain/openai';
import { closeDispatchers } from '@switchyard/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayFixture, gatewayKey, startGatewayFixture } from '../test-support/gateway-fixture.js';

let fixture: GatewayFixture;

beforeEach(async () => {
  fixture = await startGatewayFixture();
});
afterEach(() => fixture.close());
afterAll(() => closeDispatchers());

const chat = (model: string, apiKey = gatewayKey) =>
  new ChatOpenAI({ model, apiKey, configuration: { baseURL: fixture.baseURL }, maxRetries: 0 });

interface StatusError {
  readonly status?: number;
  readonly lc_error_code?: string;
}

async function failure(promise: Promise<unknown>): Promise<StatusError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as StatusError;
}

describe('LangChain’s ChatOpenAI against the gateway', () => {
  it('streams through a chain', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Lang', 'Chain', ' streams'] });
    let text = '';
    for await (const chunk of await chat('default').stream('Say hello.')) text += chunk.text;
    expect(text).toBe('LangChain streams');
  });

  it('completes with invoke, with usage', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Invoked', '.'] });
    const message = await chat('LocalOpenAI/gpt-4o-mini').invoke('Answer.');
    expect(message.text).toBe('Invoked.');
    expect(message.usage_metadata).toMatchObject({ output_tokens: 2 });
  });

  it('throws on a mid-stream failure', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Half', ' an'], end: { kind: 'drop' } });
    let text = '';
    const error = await failure(
      (async () => {
        for await (const chunk of await chat('LocalOpenAI/gpt-4o-mini').stream('Fail midway.')) text += chunk.text;
      })(),
    );
    expect(text).toBe('Half an');
    expect(String(error)).toContain('cut off');
  });

  it('gets typed errors for 401, 404 and 429', async () => {
    expect(await failure(chat('default', 'sk-wrong').invoke('Hi'))).toMatchObject({
      status: 401,
      lc_error_code: 'MODEL_AUTHENTICATION',
    });
    expect(await failure(chat('no-such-model').invoke('Hi'))).toMatchObject({
      status: 404,
      lc_error_code: 'MODEL_NOT_FOUND',
    });
    fixture.openAI.failNext('chat_completions', { status: 429, headers: { 'retry-after': '3' } });
    expect(await failure(chat('LocalOpenAI/gpt-4o-mini').invoke('Hi'))).toMatchObject({
      status: 429,
      lc_error_code: 'MODEL_RATE_LIMIT',
    });
  });
});
