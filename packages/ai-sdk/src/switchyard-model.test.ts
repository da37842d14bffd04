import { setTimeout as sleep } from 'node:timers/promises';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, type LanguageModelV3StreamPart, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { closeDispatchers, InvalidRequestError, ModelNotSupportedError } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { OpenAssistant } from '@switchyard/provider-openassistant';
import {
  holdGate,
  type OpenAICompatibleServer,
  type OpenAssistantServer,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { generateText, streamText } from 'ai';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { switchyardModel } from './switchyard-model.js';

// The warnings are asserted on; the AI SDK need not print them too.
globalThis.AI_SDK_LOG_WARNINGS = false;

let openAIServer: OpenAICompatibleServer;
let openAssistantServer: OpenAssistantServer;

beforeEach(async () => {
  openAIServer = await startOpenAICompatibleServer({ apiKey: 'sk-model-key' });
  openAssistantServer = await startOpenAssistantServer({ pendingIntervalMs: 5 });
});

afterEach(async () => {
  // Whatever a test did, nothing may be left behind upstream.
  await expect.poll(() => openAssistantServer.liveChats()).toEqual([]);
  await expect.poll(() => openAssistantServer.openStreams()).toBe(0);
  await expect.poll(() => openAIServer.openStreams()).toBe(0);
  await openAIServer.close();
  await openAssistantServer.close();
});
afterAll(closeDispatchers);

const openAI = () =>
  new OpenAICompatible({
    name: 'LocalOpenAI',
    baseUrl: openAIServer.url,
    apiKey: 'sk-model-key',
    models: ['gpt-4o-mini'],
  });
const openAssistant = () =>
  new OpenAssistant({
    baseUrl: openAssistantServer.url,
    cookies: { '__Secure-next-auth.session-token': openAssistantServer.sessionToken },
  });

/**
 * The AI SDK's full stream as part types, with the deltas' text; deltas in a row are joined,
 * since how many arrive together depends on the network reads.
 */
async function partsOf(stream: AsyncIterable<{ type: string; text?: string }>): Promise<string[]> {
  const seen: string[] = [];
  for await (const part of stream) {
    if (part.type !== 'text-delta' && part.type !== 'reasoning-delta') {
      seen.push(part.type);
      continue;
    }
    const text = part.text ?? '';
    const last = seen.at(-1);
    if (last?.startsWith(`${part.type}:`)) seen[seen.length - 1] = `${last}${text}`;
    else seen.push(`${part.type}:${text}`);
  }
  return seen;
}

describe('switchyardModel under streamText', () => {
  it('streams text blocks and finishes with the finish reason, usage and the provider that served', async () => {
    openAIServer.enqueueReply({ tokens: ['Hello', ', world'] });
    const result = streamText({ model: switchyardModel(openAI()), prompt: 'Say hello' });
    expect(await partsOf(result.fullStream)).toEqual([
      'start',
      'start-step',
      'text-start',
      'text-delta:Hello, world',
      'text-end',
      'finish-step',
      'finish',
    ]);
    expect(await result.text).toBe('Hello, world');
    expect(await result.finishReason).toBe('stop');
    expect(await result.rawFinishReason).toBe('stop');
    const usage = await result.usage;
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(await result.providerMetadata).toEqual({ switchyard: { provider: 'LocalOpenAI', model: 'gpt-4o-mini' } });
    expect((await result.response).modelId).toBe('gpt-4o-mini');
  });

  it('streams reasoning as its own block before the text', async () => {
    openAIServer.enqueueReply({ reasoning: ['Think', 'ing'], tokens: ['Answer'] });
    const result = streamText({ model: switchyardModel(openAI()), prompt: 'Think first' });
    expect(await partsOf(result.fullStream)).toEqual([
      'start',
      'start-step',
      'reasoning-start',
      'reasoning-delta:Thinking',
      'reasoning-end',
      'text-start',
      'text-delta:Answer',
      'text-end',
      'finish-step',
      'finish',
    ]);
    expect(await result.reasoningText).toBe('Thinking');
  });

  it("maps the call's settings onto the request and reports what no provider could honour", async () => {
    openAIServer.enqueueReply({ tokens: ['ok'] });
    const result = streamText({
      model: switchyardModel(openAI()),
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'First answer' },
        { role: 'user', content: 'Second question' },
      ],
      temperature: 0.3,
      topP: 0.9,
      topK: 20,
      maxOutputTokens: 64,
      stopSequences: ['END'],
      seed: 7,
      presencePenalty: 0.5,
      providerOptions: { switchyard: { providerOptions: { LocalOpenAI: { extraBody: { user: 'ai-sdk-test' } } } } },
    });
    expect(await result.text).toBe('ok');
    const body = openAIServer.requests.at(-1)?.json as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'First answer' },
        { role: 'user', content: 'Second question' },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 64,
      stop: ['END'],
      seed: 7,
      user: 'ai-sdk-test',
    });
    expect(await result.warnings).toEqual([
      { type: 'unsupported', feature: 'presencePenalty', details: 'Switchyard requests have no such setting' },
      {
        type: 'unsupported',
        feature: 'topK',
        details: 'LocalOpenAI: LocalOpenAI has no topK setting on its wire; it was not sent',
      },
    ]);
  });

  it('refuses a misspelt providerOptions.switchyard key before any request', async () => {
    const errors: unknown[] = [];
    const result = streamText({
      model: switchyardModel(openAI()),
      prompt: 'Hi',
      providerOptions: { switchyard: { timeout: { totalMs: 5 } } },
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    expect(await partsOf(result.fullStream)).toEqual(['start', 'error']);
    expect(InvalidRequestError.isInstance(errors[0])).toBe(true);
    expect((errors[0] as Error).message).toContain('providerOptions.switchyard.timeout: unknown key');
    expect(openAIServer.requests).toHaveLength(0);
  });

  it('an error before the first token is an APICallError with the status, not retried when not retryable', async () => {
    const refused = new OpenAICompatible({ name: 'WrongKey', baseUrl: openAIServer.url, apiKey: 'sk-wrong' });
    const errors: unknown[] = [];
    const result = streamText({
      model: switchyardModel(refused),
      prompt: 'Hi',
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    expect(await partsOf(result.fullStream)).toEqual(['start', 'error']);
    expect(APICallError.isInstance(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ statusCode: 401, isRetryable: false });
    expect(openAIServer.requests).toHaveLength(1);
  });

  it("a retryable failure is retried by the AI SDK, after the server's Retry-After", async () => {
    openAIServer.failNext('chat_completions', { status: 503, headers: { 'retry-after': '0' } });
    openAIServer.enqueueReply({ tokens: ['second', ' try'] });
    const errors: unknown[] = [];
    const result = streamText({
      model: switchyardModel(openAI()),
      prompt: 'Hi',
      maxRetries: 1,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    expect(await result.text).toBe('second try');
    expect(errors).toEqual([]);
    expect(openAIServer.requests).toHaveLength(2);
  });

  it('the abort signal ends the stream as an abort and deletes the Open Assistant chat at once', async () => {
    const { held, release } = holdGate();
    openAssistantServer.enqueueReply({ tokens: ['first', ' never'], holdAfterToken: { index: 0, until: held } });
    const controller = new AbortController();
    const result = streamText({
      model: switchyardModel(openAssistant()),
      prompt: 'Hi',
      abortSignal: controller.signal,
    });
    const seen: string[] = [];
    try {
      for await (const part of result.fullStream) {
        seen.push(part.type);
        if (part.type === 'text-delta') {
          expect(openAssistantServer.liveChats()).toHaveLength(1);
          controller.abort();
        }
      }
      expect(seen.at(-1)).toBe('abort');
      // Cleaned up while the server still held the rest back: only the abort could have done it.
      await expect.poll(() => openAssistantServer.liveChats()).toEqual([]);
      expect(openAssistantServer.deletedChatIds).toHaveLength(1);
    } finally {
      release();
    }
  });

  it("cancelling the model's stream cancels the Switchyard call and its upstream chat", async () => {
    const { held, release } = holdGate();
    openAssistantServer.enqueueReply({ tokens: ['first', ' never'], holdAfterToken: { index: 0, until: held } });
    try {
      const { stream } = await switchyardModel(openAssistant()).doStream({
        prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      });
      const reader = stream.getReader();
      const parts: LanguageModelV3StreamPart[] = [];
      while (!parts.some((part) => part.type === 'text-delta')) {
        const read = await reader.read();
        if (read.done) break;
        parts.push(read.value);
      }
      expect(openAssistantServer.liveChats()).toHaveLength(1);
      await reader.cancel();
      // The cancel resolves after the provider's cleanup: the chat is gone by now.
      expect(openAssistantServer.liveChats()).toEqual([]);
    } finally {
      release();
    }
  });

  it('pins ai 6: a break out of textStream does not reach the model; only the abort signal stops upstream work', async () => {
    const { held, release } = holdGate();
    openAssistantServer.enqueueReply({ tokens: ['first', ' never'], holdAfterToken: { index: 0, until: held } });
    const controller = new AbortController();
    const result = streamText({
      model: switchyardModel(openAssistant()),
      prompt: 'Hi',
      abortSignal: controller.signal,
    });
    try {
      for await (const text of result.textStream) {
        expect(text).toBe('first');
        break;
      }
      // Give the AI SDK every chance to pass the break on; it does not.
      await sleep(100);
      expect(openAssistantServer.liveChats()).toHaveLength(1);
      expect(openAssistantServer.openStreams()).toBe(1);
      // What the README tells callers to do after a break.
      controller.abort();
      await expect.poll(() => openAssistantServer.liveChats()).toEqual([]);
    } finally {
      release();
    }
  });
});

describe("ai 6's own behaviour on a break, for comparison", () => {
  it("pins ai 6: the AI SDK's own OpenAI-compatible model keeps its HTTP stream open after a break, too", async () => {
    const { held, release } = holdGate();
    openAIServer.enqueueReply({ tokens: ['first', ' never'], holdAfterToken: { index: 0, until: held } });
    const controller = new AbortController();
    const model = createOpenAICompatible({ name: 'emulator', baseURL: openAIServer.url, apiKey: 'sk-model-key' });
    const result = streamText({ model: model.chatModel('gpt-4o-mini'), prompt: 'Hi', abortSignal: controller.signal });
    try {
      for await (const text of result.textStream) {
        expect(text).toBe('first');
        break;
      }
      await sleep(100);
      expect(openAIServer.openStreams()).toBe(1);
      controller.abort();
      await expect.poll(() => openAIServer.openStreams()).toBe(0);
    } finally {
      release();
    }
  });
});

describe('switchyardModel under generateText', () => {
  it('returns the text, reasoning, finish reason, usage and the provider that served', async () => {
    openAIServer.enqueueReply({ reasoning: ['Because'], tokens: ['Forty', '-two'] });
    const result = await generateText({ model: switchyardModel(openAI()), prompt: 'The answer?' });
    expect(result.text).toBe('Forty-two');
    expect(result.reasoningText).toBe('Because');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.providerMetadata).toEqual({ switchyard: { provider: 'LocalOpenAI', model: 'gpt-4o-mini' } });
    expect(result.response.modelId).toBe('gpt-4o-mini');
  });

  it('a rate limit is an APICallError carrying the wait', async () => {
    openAIServer.failNext('chat_completions', { status: 429, headers: { 'retry-after': '7' } });
    const failure = await generateText({ model: switchyardModel(openAI()), prompt: 'Hi', maxRetries: 0 }).catch(
      (error: unknown) => error,
    );
    expect(APICallError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({
      statusCode: 429,
      isRetryable: true,
      responseHeaders: { 'retry-after-ms': '7000' },
    });
  });

  it('the abort signal rejects with its own reason and deletes the Open Assistant chat', async () => {
    const { held, release } = holdGate();
    openAssistantServer.enqueueReply({ tokens: ['first', ' never'], holdAfterToken: { index: 0, until: held } });
    const controller = new AbortController();
    try {
      const pending = generateText({
        model: switchyardModel(openAssistant()),
        prompt: 'Hi',
        abortSignal: controller.signal,
      });
      await expect.poll(() => openAssistantServer.liveChats().length).toBe(1);
      controller.abort();
      const failure = await pending.catch((error: unknown) => error);
      expect(failure).toBe(controller.signal.reason);
      await expect.poll(() => openAssistantServer.liveChats()).toEqual([]);
    } finally {
      release();
    }
  });
});

describe('switchyardModel input', () => {
  it('a file in the prompt is an UnsupportedFunctionalityError, not dropped', async () => {
    const failure = await generateText({
      model: switchyardModel(openAI()),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Read this' },
            { type: 'file', data: new Uint8Array([37, 80, 68, 70]), mediaType: 'application/pdf' },
          ],
        },
      ],
    }).catch((error: unknown) => error);
    expect(UnsupportedFunctionalityError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toContain('file parts in user messages');
    expect(openAIServer.requests).toHaveLength(0);
  });

  it('an unknown model or a bad option fails when the model is made', () => {
    expect(() => switchyardModel(openAI(), { model: 'no-such-model' })).toThrowError(ModelNotSupportedError);
    expect(() => switchyardModel(openAI(), { modle: 'gpt-4o-mini' } as never)).toThrowError(/options.modle/);
    expect(() => switchyardModel({} as never)).toThrowError(/provider: expected a Switchyard provider/);
  });
});
