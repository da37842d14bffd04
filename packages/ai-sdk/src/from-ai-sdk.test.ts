import 'reflect-metadata';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import {
  AbortedError,
  type CallWarning,
  CONFIG,
  closeDispatchers,
  FallbackProvider,
  InvalidRequestError,
  type Messages,
  ModelNotSupportedError,
  ProviderRegistry,
  StreamInterruptedError,
  type StreamPart,
  switchyardConfigSchema,
  TimeoutError,
} from '@switchyard/core';
import { closedPort, type OpenAICompatibleServer, startOpenAICompatibleServer } from '@switchyard/testing';
import { MockLanguageModelV3 } from 'ai/test';
import { container } from 'tsyringe';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromAiSdk } from './from-ai-sdk.js';
import { registerAiSdkProvider } from './register-ai-sdk-provider.js';
import { switchyardFetch } from './switchyard-fetch.js';

const messages: Messages = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hello?' },
];
let server: OpenAICompatibleServer;

beforeEach(async () => {
  server = await startOpenAICompatibleServer({ apiKey: 'sk-bridge' });
});
afterEach(async () => {
  await expect.poll(() => server.openStreams()).toBe(0);
  await server.close();
});
afterAll(closeDispatchers);

/** The AI SDK's own OpenAI-compatible provider, pointed at the emulator. */
const emulator = (baseURL = server.url) =>
  createOpenAICompatible({ name: 'emulator', baseURL, apiKey: 'sk-bridge', includeUsage: true });

async function partsOf(stream: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error: unknown }> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

/** The AI SDK's own test model, streaming exactly these parts: shapes no emulator makes the AI SDK produce. */
const scriptedModel = (chunks: LanguageModelV3StreamPart[]) =>
  new MockLanguageModelV3({
    modelId: 'scripted',
    doStream: async () => ({
      stream: new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      }),
    }),
  });
const usage = {
  inputTokens: { total: 5, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 9, text: 6, reasoning: 3 },
};

describe('fromAiSdk: models', () => {
  it('one AI SDK model answers as its own model id, and says what it is', async () => {
    const provider = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged' });
    expect(provider).toMatchObject({
      name: 'Bridged',
      label: 'emulator.chat gpt-4o-mini (AI SDK)',
      defaultModel: 'gpt-4o-mini',
      models: ['gpt-4o-mini'],
      url: 'https://ai-sdk.dev/providers/ai-sdk-providers',
    });
    server.enqueueReply({ tokens: ['Hi', ' there'] });
    expect(await provider.createCompletion(undefined, messages)).toEqual({
      text: 'Hi there',
      provider: 'Bridged',
      model: 'gpt-4o-mini',
    });
    expect(server.requests[0]?.json).toMatchObject({ model: 'gpt-4o-mini', messages });
  });

  it('keeps one model per listed id, and asks the function again for ids it accepts unlisted', async () => {
    const asked: string[] = [];
    const counting = (modelId: string) => {
      asked.push(modelId);
      return emulator().chatModel(modelId);
    };
    const listed = fromAiSdk(counting, { name: 'Listed', models: ['gpt-4o-mini'] });
    const open = fromAiSdk(counting, { name: 'Open', defaultModel: 'gpt-4o-mini' });
    for (const provider of [listed, listed, open, open]) {
      server.enqueueReply({ tokens: ['ok'] });
      await provider.createCompletion('gpt-4o-mini', messages);
    }
    // Once for the listed model; every time for one accepted unlisted, so ids from callers pile up nowhere.
    expect(asked).toEqual(['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini']);
  });

  it('one model cannot be listed as serving others', () => {
    expect(() => fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged', models: ['llama3.1:8b'] })).toThrow(
      /settings\.models: one AI SDK model answers as gpt-4o-mini only, not llama3\.1:8b/,
    );
  });

  it("an AI SDK provider's function serves the models it is given, aliases included", async () => {
    const provider = fromAiSdk(emulator(), {
      name: 'Bridged',
      models: ['gpt-4o-mini', 'llama3.1:8b'],
      modelAliases: { llama: 'llama3.1:8b' },
    });
    expect(provider.defaultModel).toBe('gpt-4o-mini');
    server.enqueueReply({ tokens: ['from llama'] });
    expect(await provider.createCompletion('llama', messages)).toMatchObject({
      text: 'from llama',
      model: 'llama3.1:8b',
    });
    expect(server.requests[0]?.json).toMatchObject({ model: 'llama3.1:8b' });
    await expect(provider.createCompletion('gpt-5', messages)).rejects.toThrowError(ModelNotSupportedError);
    expect(server.requests).toHaveLength(1);
  });

  it('bad settings are named before anything is sent', () => {
    expect(() => fromAiSdk(emulator(), { name: 'Bridged' })).toThrow(
      /settings\.defaultModel: required with a provider function/,
    );
    expect(() => fromAiSdk('openai/gpt-4o' as never, { name: 'Bridged' })).toThrow(
      /model: expected an AI SDK language model/,
    );
    expect(() => fromAiSdk(emulator().chatModel('gpt-4o-mini'), {} as never)).toThrow(/settings\.name/);
    expect(() => fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged', timeout: 5 } as never)).toThrow(
      /settings\.timeout: unknown key/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('fromAiSdk: one call', () => {
  it('sends the standard settings as AI SDK call options and reports its warnings, usage and finish', async () => {
    const provider = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged' });
    const warnings: CallWarning[] = [];
    server.enqueueReply({ tokens: ['ok'] });
    const result = await provider.complete({
      messages,
      temperature: 0.2,
      topP: 0.5,
      topK: 3,
      maxOutputTokens: 10,
      stopSequences: ['X'],
      seed: 1,
      onWarning: (warning) => warnings.push(warning),
    });
    expect(server.requests[0]?.json).toMatchObject({
      temperature: 0.2,
      top_p: 0.5,
      max_tokens: 10,
      stop: ['X'],
      seed: 1,
    });
    // The AI SDK's OpenAI-compatible model has no topK; its own warning reaches the caller.
    expect(warnings).toEqual([
      expect.objectContaining({ provider: 'Bridged', type: 'unsupported-setting', setting: 'topK' }),
    ]);
    expect(result).toMatchObject({ text: 'ok', finishReason: 'stop', rawFinishReason: 'stop', warnings });
    expect(result.usage?.outputTokens).toBeGreaterThan(0);
    expect(result.usage?.totalTokens).toBe((result.usage?.inputTokens ?? 0) + (result.usage?.outputTokens ?? 0));
  });

  it('hands providerOptions[name] to the model as its providerOptions and headers, and checks it strictly', async () => {
    const provider = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged' });
    server.enqueueReply({ tokens: ['ok'] });
    await provider.complete({
      messages,
      providerOptions: { Bridged: { providerOptions: { emulator: { user: 'u-7' } }, headers: { 'x-trace': 't-1' } } },
    });
    expect(server.requests[0]?.json).toMatchObject({ user: 'u-7' });
    expect(server.requests[0]?.headers['x-trace']).toBe('t-1');
    expect(() => provider.stream({ messages, providerOptions: { Bridged: { header: {} } } })).toThrow(
      /request\.providerOptions\.Bridged\.header: unknown key/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('streams reasoning and text as their own parts', async () => {
    const provider = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged' });
    server.enqueueReply({ reasoning: ['Hmm'], tokens: ['Yes'] });
    const { parts, error } = await partsOf(provider.stream({ messages }));
    expect(error).toBeUndefined();
    expect(parts.filter((part) => part.type !== 'finish')).toEqual([
      { type: 'start', provider: 'Bridged', model: 'gpt-4o-mini' },
      { type: 'reasoning', text: 'Hmm' },
      { type: 'text', text: 'Yes' },
    ]);
  });

  it('a body that ends without a finish is an interruption carrying the partial text, never a short success', async () => {
    const provider = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged' });
    server.enqueueReply({ tokens: ['half', ' an answer'], end: { kind: 'close' } });
    const { error } = await partsOf(provider.stream({ messages }));
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ partialText: 'half an answer' });
  });

  it('a server that never answers times out in the headers phase, and the request is given up', async () => {
    const provider = fromAiSdk(emulator().chatModel('gpt-4o-mini'), {
      name: 'Bridged',
      timeouts: { connectMs: 50, headersMs: 100 },
    });
    server.failNext('chat_completions', { stall: true });
    const { error } = await partsOf(provider.stream({ messages }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ phase: 'headers', timeoutMs: 150 });
  });

  it('a proxy the model cannot use is refused before anything is sent, never ignored', () => {
    const provider = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged' });
    expect(() => provider.createAsyncGenerator(undefined, messages, { proxy: 'http://127.0.0.1:3128' })).toThrow(
      /options\.proxy: this AI SDK model cannot use a proxy per call; create the AI SDK provider with `fetch: switchyardFetch`/,
    );
    expect(() =>
      fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged', proxy: 'http://127.0.0.1:3128' }),
    ).toThrow(/settings\.proxy/);
    expect(server.requests).toHaveLength(0);
  });

  it('calls one after another reuse one keep-alive connection through switchyardFetch', async () => {
    const model = createOpenAICompatible({
      name: 'emulator',
      baseURL: server.url,
      apiKey: 'sk-bridge',
      fetch: switchyardFetch,
    });
    const provider = fromAiSdk(model.chatModel('gpt-4o-mini'), { name: 'Bridged', switchyardFetch: true });
    const before = server.connectionsAccepted();
    for (let call = 0; call < 3; call++) {
      server.enqueueReply({ tokens: [`answer ${call}`] });
      expect((await provider.createCompletion(undefined, messages)).text).toBe(`answer ${call}`);
    }
    expect(server.connectionsAccepted() - before).toBe(1);
  });

  it('cookies are not sent, and it says so', async () => {
    const provider = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Bridged' });
    server.enqueueReply({ tokens: ['ok'] });
    const result = await provider.complete({ messages, cookies: { session: 'abc' } });
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'unsupported-setting', setting: 'cookies' })]);
    expect(server.requests[0]?.headers.cookie).toBeUndefined();
  });
});

describe('fromAiSdk: stream shapes of the specification', () => {
  it('a finish with reason "error" is an interruption with the partial text', async () => {
    const provider = fromAiSdk(
      scriptedModel([
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'so far' },
        { type: 'text-end', id: 't' },
        { type: 'finish', finishReason: { unified: 'error', raw: 'worker_died' }, usage },
      ]),
      { name: 'Scripted' },
    );
    const { parts, error } = await partsOf(provider.stream({ messages }));
    expect(parts.map((part) => part.type)).toEqual(['start', 'text']);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ partialText: 'so far' });
    expect((error as Error).message).toContain('finish reason "error" (worker_died)');
  });

  it("the caller's abort ends a read the model never answers, the model's stream cancelled", async () => {
    let cancelled: unknown;
    const deaf = new MockLanguageModelV3({
      modelId: 'deaf',
      // Ignores its abort signal: one delta, then nothing, for ever.
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            controller.enqueue({ type: 'text-delta', id: 't', delta: 'one' });
          },
          cancel(reason) {
            cancelled = reason;
          },
        }),
      }),
    });
    const provider = fromAiSdk(deaf, { name: 'Deaf' });
    const caller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const part of provider.stream({ messages, signal: caller.signal })) {
        if (part.type === 'text') {
          seen.push(part.text);
          setTimeout(() => caller.abort(), 20);
        }
      }
    })();
    await expect(reading).rejects.toSatisfy(AbortedError.isInstance);
    expect(seen).toEqual(['one']);
    expect(AbortedError.isInstance(cancelled)).toBe(true);
  });

  it('a stream that ends without a finish is an interruption, too', async () => {
    const provider = fromAiSdk(
      scriptedModel([
        { type: 'stream-start', warnings: [] },
        { type: 'text-delta', id: 't', delta: 'cut' },
      ]),
      { name: 'Scripted' },
    );
    const { error } = await partsOf(provider.stream({ messages }));
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ partialText: 'cut' });
  });

  it('parts without a Switchyard counterpart are said once, and the answer goes on; usage keeps reasoning tokens', async () => {
    const provider = fromAiSdk(
      scriptedModel([
        { type: 'stream-start', warnings: [{ type: 'other', message: 'the model is in preview' }] },
        { type: 'source', sourceType: 'url', id: 's1', url: 'https://example.com' },
        { type: 'source', sourceType: 'url', id: 's2', url: 'https://example.org' },
        { type: 'text-delta', id: 't', delta: 'done' },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
      ]),
      { name: 'Scripted' },
    );
    const result = await provider.complete({ messages });
    expect(result).toMatchObject({
      text: 'done',
      finishReason: 'other',
      rawFinishReason: 'tool_calls',
      usage: { inputTokens: 5, outputTokens: 9, reasoningTokens: 3, totalTokens: 14 },
    });
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      'the model is in preview',
      'the model streamed a source part, which a Switchyard stream has no place for; it was left out',
    ]);
  });
});

describe('fromAiSdk in a fallback chain', () => {
  it('a member that refuses connections is passed over; the next serves', async () => {
    const dead = fromAiSdk(emulator(`http://127.0.0.1:${await closedPort()}/v1`).chatModel('gpt-4o-mini'), {
      name: 'Dead',
    });
    const alive = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Alive' });
    server.enqueueReply({ tokens: ['served'] });
    const completion = await new FallbackProvider({ providers: [dead, alive] }).createCompletion(undefined, messages);
    expect(completion).toMatchObject({ text: 'served', provider: 'Alive' });
    expect(completion.attempts.map((attempt) => `${attempt.provider} ${attempt.outcome}`)).toEqual([
      'Dead failed',
      'Alive succeeded',
    ]);
  });

  it('a 503 moves on to the next member', async () => {
    const first = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'First' });
    const second = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Second' });
    server.failNext('chat_completions', { status: 503 });
    server.enqueueReply({ tokens: ['second serves'] });
    const completion = await new FallbackProvider({ providers: [first, second] }).createCompletion(undefined, messages);
    expect(completion).toMatchObject({ text: 'second serves', provider: 'Second' });
  });

  it('a failure after text is an interruption; the next member is never asked', async () => {
    const first = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'First' });
    const second = fromAiSdk(emulator().chatModel('gpt-4o-mini'), { name: 'Second' });
    server.enqueueReply({ tokens: ['half', ' an answer'], end: { kind: 'drop' } });
    server.enqueueReply({ tokens: ['a second answer'] });
    const chain = new FallbackProvider({ providers: [first, second] });
    const { parts, error } = await partsOf(chain.stream({ messages }));
    expect(
      parts
        .filter((part) => part.type === 'text')
        .map((part) => (part as { text: string }).text)
        .join(''),
    ).toBe('half an answer');
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ partialText: 'half an answer', provider: 'First' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('registerAiSdkProvider', () => {
  it("registers through DI, under the config's providers.<name> section", () => {
    const scope = container.createChildContainer();
    scope.register(CONFIG, {
      useValue: switchyardConfigSchema.parse({ providers: { Bridged: { label: 'Configured label' } } }),
    });
    registerAiSdkProvider(scope, emulator().chatModel('gpt-4o-mini'), { name: 'Bridged' });
    const provider = scope.resolve(ProviderRegistry).get('bridged');
    expect(provider).toMatchObject({ name: 'Bridged', label: 'Configured label' });
    expect(() => scope.resolve(ProviderRegistry).get('bridged').createAsyncGenerator(undefined, [])).toThrowError(
      InvalidRequestError,
    );
  });
});
