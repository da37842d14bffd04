import { closeDispatchers, FallbackProvider, StreamInterruptedError } from '@switchyard/core';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
import { OpenAssistant } from '@switchyard/provider-openassistant';
import {
  closedPort,
  holdGate,
  type OpenAICompatibleServer,
  type OpenAssistantServer,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { generateText, streamText } from 'ai';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { switchyardModel } from './switchyard-model.js';

// What the AI SDK itself does with a Switchyard chain, on real emulators: streamText and
// generateText, with the AI SDK's own retries left at their defaults.

let openAIServer: OpenAICompatibleServer;
let openAssistantServer: OpenAssistantServer;

beforeEach(async () => {
  openAIServer = await startOpenAICompatibleServer({ apiKey: 'sk-chain-key' });
  openAssistantServer = await startOpenAssistantServer({ pendingIntervalMs: 5 });
});

afterEach(async () => {
  await expect.poll(() => openAssistantServer.liveChats()).toEqual([]);
  await expect.poll(() => openAssistantServer.openStreams()).toBe(0);
  await expect.poll(() => openAIServer.openStreams()).toBe(0);
  await openAIServer.close();
  await openAssistantServer.close();
});
afterAll(closeDispatchers);

const openAI = (baseUrl = openAIServer.url, name = 'LocalOpenAI') =>
  new OpenAICompatible({ name, baseUrl, apiKey: 'sk-chain-key', models: ['gpt-4o-mini'] });
const openAssistant = () =>
  new OpenAssistant({
    baseUrl: openAssistantServer.url,
    cookies: { '__Secure-next-auth.session-token': openAssistantServer.sessionToken },
  });
const deadProvider = async () => openAI(`http://127.0.0.1:${await closedPort()}/v1`, 'Dead');

describe('a dead first provider', () => {
  it('streamText: the chain moves on and the second provider serves', async () => {
    const chain = new FallbackProvider({ providers: [await deadProvider(), openAssistant()] });
    openAssistantServer.enqueueReply({ tokens: ['from', ' Open', ' Assistant'] });
    const errors: unknown[] = [];
    const result = streamText({
      model: switchyardModel(chain),
      prompt: 'Who answers?',
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('from Open Assistant');
    expect(errors).toEqual([]);
    expect((await result.providerMetadata)?.switchyard).toMatchObject({ provider: 'OpenAssistant' });
  });

  it('generateText: the same, and the answer names who served', async () => {
    const chain = new FallbackProvider({ providers: [await deadProvider(), openAI()] });
    openAIServer.enqueueReply({ tokens: ['from', ' OpenAI'] });
    const result = await generateText({ model: switchyardModel(chain), prompt: 'Who answers?' });
    expect(result.text).toBe('from OpenAI');
    expect(result.providerMetadata?.switchyard).toEqual({ provider: 'LocalOpenAI', model: 'gpt-4o-mini' });
  });
});

describe('a failure mid-stream', () => {
  it('streamText: the consumer gets the partial text and then an error; no second answer is glued on', async () => {
    const chain = new FallbackProvider({ providers: [openAssistant(), openAI()] });
    openAssistantServer.enqueueReply({ tokens: ['half', ' an answer'], end: { kind: 'drop' } });
    openAIServer.enqueueReply({ tokens: ['a whole', ' second answer'] });
    const errors: unknown[] = [];
    const result = streamText({
      model: switchyardModel(chain),
      prompt: 'Tell me',
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    let text = '';
    let thrown: unknown;
    try {
      for await (const delta of result.textStream) text += delta;
    } catch (error) {
      thrown = error;
    }
    expect(text).toBe('half an answer');
    expect(StreamInterruptedError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ partialText: 'half an answer', provider: 'OpenAssistant' });
    expect(errors).toEqual([thrown]);
    await expect(result.text).rejects.toBe(thrown);
    expect(openAIServer.requests).toHaveLength(0);
  });

  it('generateText: rejects with the interruption and its partial text', async () => {
    const chain = new FallbackProvider({ providers: [openAssistant(), openAI()] });
    openAssistantServer.enqueueReply({ tokens: ['half', ' an answer'], end: { kind: 'drop' } });
    const failure = await generateText({ model: switchyardModel(chain), prompt: 'Tell me' }).catch(
      (error: unknown) => error,
    );
    expect(StreamInterruptedError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ partialText: 'half an answer' });
    expect(openAIServer.requests).toHaveLength(0);
  });
});

describe('an abort', () => {
  it('streamText: ends as an abort and leaves no live chat on the Open Assistant emulator', async () => {
    const chain = new FallbackProvider({ providers: [await deadProvider(), openAssistant()] });
    const { held, release } = holdGate();
    openAssistantServer.enqueueReply({ tokens: ['first', ' never'], holdAfterToken: { index: 0, until: held } });
    const controller = new AbortController();
    const result = streamText({ model: switchyardModel(chain), prompt: 'Hi', abortSignal: controller.signal });
    const types: string[] = [];
    try {
      for await (const part of result.fullStream) {
        types.push(part.type);
        if (part.type === 'text-delta') controller.abort();
      }
      expect(types.at(-1)).toBe('abort');
      // Released while the server still held the answer back.
      await expect.poll(() => openAssistantServer.liveChats()).toEqual([]);
      expect(openAssistantServer.openStreams()).toBe(0);
    } finally {
      release();
    }
  });

  it('generateText: rejects with the abort reason and leaves no live chat', async () => {
    const chain = new FallbackProvider({ providers: [await deadProvider(), openAssistant()] });
    const { held, release } = holdGate();
    openAssistantServer.enqueueReply({ tokens: ['first', ' never'], holdAfterToken: { index: 0, until: held } });
    const controller = new AbortController();
    try {
      const pending = generateText({ model: switchyardModel(chain), prompt: 'Hi', abortSignal: controller.signal });
      await expect.poll(() => openAssistantServer.liveChats().length).toBe(1);
      controller.abort();
      await expect(pending).rejects.toBe(controller.signal.reason);
      await expect.poll(() => openAssistantServer.liveChats()).toEqual([]);
    } finally {
      release();
    }
  });
});
