import 'reflect-metadata';
import {
  AbortedError,
  AllProvidersFailedError,
  type AttemptRecord,
  closeDispatchers,
  FallbackProvider,
  type Messages,
  MissingAuthError,
  ProviderHealth,
  ProviderNotWorkingError,
  ProviderRegistry,
  ResponseStatusError,
  StreamInterruptedError,
} from '@switchyard/core';
import { OpenAICompatible, registerOpenAICompatible } from '@switchyard/provider-openai-compatible';
import { OpenAssistant, registerOpenAssistant } from '@switchyard/provider-openassistant';
import {
  closedPort,
  type OpenAICompatibleServer,
  type OpenAssistantServer,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { container } from 'tsyringe';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

const messages: Messages = [{ role: 'user', content: 'Which of you answers?' }];
let openAssistantServer: OpenAssistantServer;
let openAIServer: OpenAICompatibleServer;

beforeEach(async () => {
  openAssistantServer = await startOpenAssistantServer({ pendingIntervalMs: 5 });
  openAIServer = await startOpenAICompatibleServer({ apiKey: 'sk-matrix-key', models: ['gpt-4o-mini'] });
});

afterEach(async () => {
  // Whatever happened, no provider may leave a chat or a stream behind.
  expect(openAssistantServer.liveChats()).toEqual([]);
  expect(openAssistantServer.openStreams()).toBe(0);
  expect(openAIServer.openStreams()).toBe(0);
  await openAssistantServer.close();
  await openAIServer.close();
});
afterAll(closeDispatchers);

const openAssistant = (settings: ConstructorParameters<typeof OpenAssistant>[0] = {}) =>
  new OpenAssistant(
    {
      baseUrl: openAssistantServer.url,
      cookies: { '__Secure-next-auth.session-token': openAssistantServer.sessionToken },
      ...settings,
    },
    { env: {} },
  );
const openAI = (settings: ConstructorParameters<typeof OpenAICompatible>[0] = {}) =>
  new OpenAICompatible({
    name: 'LocalOpenAI',
    baseUrl: openAIServer.url,
    apiKey: 'sk-matrix-key',
    models: ['gpt-4o-mini'],
    ...settings,
  });

const summary = (attempts: readonly AttemptRecord[]) =>
  attempts.map((attempt) => `${attempt.provider}#${attempt.attempt} ${attempt.outcome}`);

describe('FallbackProvider across real emulators', () => {
  it('skips a provider that is not working and says why', async () => {
    const chain = new FallbackProvider({ providers: [new OpenAssistant({}, { env: {} }), openAI()] });
    openAIServer.enqueueReply({ tokens: ['from', ' OpenAI'] });
    const completion = await chain.createCompletion(undefined, messages);
    expect(completion).toMatchObject({ text: 'from OpenAI', provider: 'LocalOpenAI', model: 'gpt-4o-mini' });
    expect(summary(completion.attempts)).toEqual(['OpenAssistant#1 skipped', 'LocalOpenAI#1 succeeded']);
    expect(ProviderNotWorkingError.isInstance(completion.attempts[0]?.error)).toBe(true);
  });

  it('skips a provider that needs auth and has no credentials', async () => {
    const keyless = openAI({ apiKey: undefined, requiresApiKey: true });
    const chain = new FallbackProvider({ providers: [keyless, openAssistant()] });
    const completion = await chain.createCompletion(undefined, messages);
    expect(summary(completion.attempts)).toEqual(['LocalOpenAI#1 skipped', 'OpenAssistant#1 succeeded']);
    expect(MissingAuthError.isInstance(completion.attempts[0]?.error)).toBe(true);
    expect(openAIServer.requests).toEqual([]);
  });

  it('moves on after a 5xx before the first token', async () => {
    openAssistantServer.failNext('assistant_message', { status: 503, body: '{"message":"busy"}' });
    openAIServer.enqueueReply({ tokens: ['rescued'] });
    const completion = await new FallbackProvider({ providers: [openAssistant(), openAI()] }).createCompletion(
      undefined,
      messages,
    );
    expect(completion.text).toBe('rescued');
    expect(summary(completion.attempts)).toEqual(['OpenAssistant#1 failed', 'LocalOpenAI#1 succeeded']);
    expect(ResponseStatusError.isInstance(completion.attempts[0]?.error)).toBe(true);
  });

  it('moves on after a refused connection', async () => {
    const dead = openAI({ name: 'Dead', baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
    const completion = await new FallbackProvider({ providers: [dead, openAssistant()] }).createCompletion(
      undefined,
      messages,
    );
    expect(summary(completion.attempts)).toEqual(['Dead#1 failed', 'OpenAssistant#1 succeeded']);
    expect(completion.attempts[0]?.error?.code).toBe('connection_failed');
  });

  it('retries a 429 on the same provider after Retry-After, then serves from it', async () => {
    openAIServer.failNext('chat_completions', { status: 429, headers: { 'retry-after': '1' } });
    openAIServer.enqueueReply({ tokens: ['after', ' waiting'] });
    const chain = new FallbackProvider({
      providers: [openAI(), openAssistant()],
      retry: { attempts: 2, maxWaitMs: 5_000 },
    });
    const completion = await chain.createCompletion(undefined, messages);
    expect(completion.text).toBe('after waiting');
    expect(summary(completion.attempts)).toEqual(['LocalOpenAI#1 failed', 'LocalOpenAI#2 succeeded']);
    expect(completion.attempts[0]?.error).toMatchObject({ retryAfterMs: 1000 });
    expect(openAssistantServer.requests).toEqual([]);
  });

  it('moves on from an empty stream', async () => {
    openAssistantServer.enqueueReply({ tokens: [], content: '' });
    openAIServer.enqueueReply({ tokens: ['not empty'] });
    const completion = await new FallbackProvider({ providers: [openAssistant(), openAI()] }).createCompletion(
      undefined,
      messages,
    );
    expect(completion.text).toBe('not empty');
    expect(summary(completion.attempts)).toEqual(['OpenAssistant#1 empty', 'LocalOpenAI#1 succeeded']);
  });

  it('never glues a second answer onto a stream that failed mid-way', async () => {
    openAssistantServer.enqueueReply({ tokens: ['The answer is'], end: { kind: 'drop' } });
    const chain = new FallbackProvider({ providers: [openAssistant(), openAI()] });
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const delta of chain.createAsyncGenerator(undefined, messages)) deltas.push(delta);
    })().catch((caught: unknown) => caught);
    expect(deltas.join('')).toBe('The answer is');
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).partialText).toBe('The answer is');
    expect(openAIServer.requests).toEqual([]);
  });

  it('reports every attempt when all providers fail', async () => {
    openAssistantServer.failNext('create_chat', { status: 500, body: 'Internal Server Error' });
    openAIServer.failNext('chat_completions', { status: 502, body: 'bad gateway' });
    const error = await new FallbackProvider({ providers: [openAssistant(), openAI()] })
      .createCompletion(undefined, messages)
      .catch((caught: unknown) => caught);
    expect(AllProvidersFailedError.isInstance(error)).toBe(true);
    const { attempts } = error as AllProvidersFailedError;
    expect(summary(attempts)).toEqual(['OpenAssistant#1 failed', 'LocalOpenAI#1 failed']);
    expect(attempts.map((attempt) => (attempt.error as ResponseStatusError).status)).toEqual([500, 502]);
    expect(attempts.every((attempt) => attempt.durationMs >= 0)).toBe(true);
    expect((error as Error).message).toContain('OpenAssistant failed');
  });

  it('stops the whole chain at once when aborted during a retry wait', async () => {
    openAIServer.failNext('chat_completions', { status: 429, headers: { 'retry-after': '30' } });
    const controller = new AbortController();
    const chain = new FallbackProvider({
      providers: [openAI(), openAssistant()],
      retry: { attempts: 3, maxWaitMs: 60_000 },
      onAttempt: () => controller.abort(),
    });
    const error = await chain
      .createCompletion(undefined, messages, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(openAIServer.requests).toHaveLength(1);
    expect(openAssistantServer.requests).toEqual([]);
  });

  it('opens a cooldown, skips the provider with no connection, probes it after, and recovers', async () => {
    let now = 1_000_000;
    const health = new ProviderHealth(() => now, { failureThreshold: 1, cooldownMs: 30_000 });
    const chain = new FallbackProvider({ providers: [openAssistant(), openAI()], health });

    openAssistantServer.failNext('create_chat', { status: 500 });
    expect(summary((await chain.createCompletion(undefined, messages)).attempts)).toEqual([
      'OpenAssistant#1 failed',
      'LocalOpenAI#1 succeeded',
    ]);
    expect(health.entry('OpenAssistant')).toMatchObject({ status: 'cooling-down', cooldownLeftMs: 30_000 });

    const connectionsBefore = openAssistantServer.connectionsAccepted();
    const requestsBefore = openAssistantServer.requests.length;
    const skipped = await chain.createCompletion(undefined, messages);
    expect(summary(skipped.attempts)).toEqual(['OpenAssistant#1 skipped', 'LocalOpenAI#1 succeeded']);
    expect(openAssistantServer.requests.length).toBe(requestsBefore);
    expect(openAssistantServer.connectionsAccepted()).toBe(connectionsBefore);

    now += 30_000;
    const probed = await chain.createCompletion(undefined, messages);
    expect(summary(probed.attempts)).toEqual(['OpenAssistant#1 succeeded']);
    expect(health.entry('OpenAssistant').status).toBe('working');
  });

  it('resolves names through the registry and shares its health', async () => {
    const scope = container.createChildContainer();
    registerOpenAssistant(scope, {
      baseUrl: openAssistantServer.url,
      cookies: { '__Secure-next-auth.session-token': openAssistantServer.sessionToken },
    });
    registerOpenAICompatible(scope, { name: 'LocalOpenAI', baseUrl: openAIServer.url, apiKey: 'sk-matrix-key' });
    const registry = scope.resolve(ProviderRegistry);
    registry.markNotWorking('openassistant', 'maintenance', 60_000);
    const served: string[] = [];
    const chain = new FallbackProvider({
      providers: ['OpenAssistant', 'localopenai'],
      registry,
      onAttempt: (attempt) => {
        if (attempt.outcome === 'succeeded') served.push(attempt.provider);
      },
    });
    const deltas: string[] = [];
    for await (const delta of chain.createAsyncGenerator(undefined, messages)) deltas.push(delta);
    expect(served).toEqual(['LocalOpenAI']);
    expect(deltas.join('')).not.toBe('');
  });

  it("keeps the caller's own mistakes out of provider health", async () => {
    const health = new ProviderHealth(undefined, { failureThreshold: 1 });
    const chain = new FallbackProvider({ providers: [openAI()], health });
    openAIServer.enqueueReply({ tokens: ['fine'] });
    const listenerFailure = new Error('the listener broke');
    const error = await chain
      .createCompletion(undefined, messages, {
        onAttempt: () => {
          throw listenerFailure;
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBe(listenerFailure);
    expect(health.entry('LocalOpenAI').status).toBe('working');
  });

  it('rejects a key no provider in the chain takes, before any request', async () => {
    const chain = new FallbackProvider({ providers: [openAssistant(), openAI()] });
    expect(() => chain.createAsyncGenerator(undefined, messages, { temprature: 1 } as never)).toThrowError(
      /options\.temprature/,
    );
    expect(() => chain.createAsyncGenerator(undefined, messages, { onAttempt: 'loud' as never })).toThrowError(
      /options\.onAttempt/,
    );
    expect(openAssistantServer.requests).toEqual([]);
    expect(openAIServer.requests).toEqual([]);
  });

  it('passes its own timeouts on to the providers', async () => {
    openAIServer.enqueueReply({ tokens: [], end: { kind: 'stall' } });
    openAssistantServer.enqueueReply({ tokens: ['fast'] });
    const chain = new FallbackProvider({ providers: [openAI(), openAssistant()], timeouts: { firstTokenMs: 50 } });
    const completion = await chain.createCompletion(undefined, messages);
    expect(completion.text).toBe('fast');
    expect(completion.attempts[0]?.error?.message).toContain('timed out after 50 ms');
  });

  it('counts per-call cookies as credentials', async () => {
    const cookieless = openAssistant({ cookies: {} });
    const chain = new FallbackProvider({ providers: [cookieless] });
    expect(chain.hasCredentials()).toBe(false);
    const completion = await chain.createCompletion(undefined, messages, {
      cookies: { '__Secure-next-auth.session-token': openAssistantServer.sessionToken },
    });
    expect(summary(completion.attempts)).toEqual(['OpenAssistant#1 succeeded']);
  });
});
