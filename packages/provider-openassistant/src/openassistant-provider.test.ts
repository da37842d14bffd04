import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortedError,
  closeDispatchers,
  createConsoleLogger,
  InvalidRequestError,
  type Messages,
  MissingAuthError,
  ModelNotSupportedError,
  ProtocolError,
  RateLimitError,
  ResponseStatusError,
  StreamInterruptedError,
  TimeoutError,
  UpstreamError,
} from '@switchyard/core';
import { formatPrompt } from '@switchyard/core/provider-kit';
import { type RunningProxy, startProxyProcess } from '@switchyard/test-proxies';
import { holdGate, type OpenAssistantServer, type ScriptedReply, startOpenAssistantServer } from '@switchyard/testing';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { OpenAssistant } from './openassistant-provider.js';

const conversation: Messages = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Hi!' },
  { role: 'assistant', content: 'Hello.' },
  { role: 'user', content: 'Say "bonjour" in 2 languages\nplease' },
];

let server: OpenAssistantServer;
let proxy: RunningProxy | undefined;
let cleanupDir: string | undefined;

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  // Tests of flags start no server; closing one twice is harmless.
  await (server as OpenAssistantServer | undefined)?.close();
  if (cleanupDir !== undefined) await rm(cleanupDir, { recursive: true, force: true });
  cleanupDir = undefined;
});
afterAll(closeDispatchers);

async function setup(reply?: ScriptedReply, settings: ConstructorParameters<typeof OpenAssistant>[0] = {}) {
  server = await startOpenAssistantServer({ pendingIntervalMs: 5 });
  if (reply !== undefined) server.enqueueReply(reply);
  const lines: string[] = [];
  const provider = new OpenAssistant(
    { baseUrl: server.url, cookies: { '__Secure-next-auth.session-token': server.sessionToken }, ...settings },
    { logger: createConsoleLogger({ level: 'debug', write: (line) => lines.push(line) }), env: {}, cwd: tmpdir() },
  );
  return { provider, lines };
}

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const deltas: string[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

async function failure(stream: AsyncIterable<string>): Promise<{ error: unknown; deltas: string[] }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
  } catch (error) {
    return { error, deltas };
  }
  throw new Error(`expected the stream to fail; it yielded ${JSON.stringify(deltas)}`);
}

const paths = () => server.requests.map((request) => `${request.method} ${request.path}`);

describe('OpenAssistant flags', () => {
  it('is not working by default and points at the public site', () => {
    const provider = new OpenAssistant({}, { env: {}, cwd: tmpdir() });
    expect(provider).toMatchObject({
      name: 'OpenAssistant',
      url: 'https://open-assistant.io/chat',
      needsAuth: true,
      working: false,
      supportsStream: true,
      createsUpstreamChat: true,
      defaultModel: 'OA_SFT_Llama_30B_6',
    });
    expect(provider.models).toHaveLength(25);
    expect(provider.models).toContain(provider.defaultModel);
  });

  it('is working when configured with its own base URL, from the constructor or config', () => {
    expect(new OpenAssistant({ baseUrl: 'http://127.0.0.1:9' }, { env: {}, cwd: tmpdir() }).working).toBe(true);
    const fromConfig = new OpenAssistant(
      {},
      { config: { providers: { openassistant: { baseUrl: 'http://127.0.0.1:9/' } } }, env: {}, cwd: tmpdir() },
    );
    expect(fromConfig).toMatchObject({ working: true, baseUrl: 'http://127.0.0.1:9', url: 'http://127.0.0.1:9/chat' });
  });

  it('rejects bad settings and bad config, naming the key', () => {
    expect(() => new OpenAssistant({ baseUrl: 'ftp://x' })).toThrowError(InvalidRequestError);
    expect(() => new OpenAssistant({ baseUrl: 'ftp://x' })).toThrowError(/settings\.baseUrl/);
    expect(
      () => new OpenAssistant({}, { config: { providers: { OpenAssistant: { sampling: { topK: 'many' } } } } }),
    ).toThrowError(/providers\.OpenAssistant.*sampling\.topK/);
    // The types refuse it too; a JavaScript caller or a config file gets the same answer at run time.
    const unknownModel = { modelAliases: { fast: 'gpt-4o' } } as unknown as ConstructorParameters<
      typeof OpenAssistant
    >[0];
    expect(() => new OpenAssistant(unknownModel)).toThrowError(/settings\.modelAliases\.fast/);
  });

  it('takes model aliases from settings over config, each pointing at a known model', () => {
    const provider = new OpenAssistant(
      { modelAliases: { fast: '_lorem' } },
      {
        config: { providers: { OpenAssistant: { modelAliases: { fast: 'distilgpt2', big: 'OA_SFT_Llama2_70B_10' } } } },
        env: {},
        cwd: tmpdir(),
      },
    );
    expect(provider.modelAliases).toEqual({ fast: '_lorem', big: 'OA_SFT_Llama2_70B_10' });
    expect(provider.resolveModel('big')).toBe('OA_SFT_Llama2_70B_10');
  });
});

describe('OpenAssistant against the emulator', () => {
  it('sends exactly what the original client sent, in the same order', async () => {
    const { provider } = await setup({ tokens: ['Bonjour', ', hola'] });
    const text = (await provider.createCompletion(undefined, conversation)).text;
    expect(text).toBe('Bonjour, hola');
    expect(paths()).toEqual([
      'POST /api/chat',
      'POST /api/chat/prompter_message',
      'POST /api/chat/assistant_message',
      'POST /api/chat/events',
      'DELETE /api/chat',
    ]);
    const [create, prompter, assistant, events, remove] = server.requests;
    const chatId = server.createdChatIds[0];
    expect(create?.body).toBe('');
    expect(prompter?.json).toEqual({
      chat_id: chatId,
      content:
        '<s>[INST]\nSystem: You are terse.\nUser: Hi!\nAssistant: Hello.\nUser: Say "bonjour" in 2 languages\nplease\nAssistant:\n[/INST]',
      parent_id: null,
    });
    expect((prompter?.json as { content?: string } | undefined)?.content).toBe(
      `<s>[INST]\n${formatPrompt(conversation)}\n[/INST]`,
    );
    const assistantBody = assistant?.json as Record<string, unknown>;
    expect(Object.keys(assistantBody)).toEqual([
      'chat_id',
      'parent_id',
      'model_config_name',
      'sampling_parameters',
      'plugins',
    ]);
    expect(assistantBody).toEqual({
      chat_id: chatId,
      parent_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      model_config_name: 'OA_SFT_Llama_30B_6',
      sampling_parameters: {
        top_k: 50,
        top_p: null,
        typical_p: null,
        temperature: 0.35,
        repetition_penalty: 1.1111111111111112,
        max_new_tokens: 1024,
      },
      plugins: [],
    });
    expect(events?.query).toEqual({ chat_id: chatId, message_id: expect.any(String) });
    expect(remove?.query).toEqual({ chat_id: chatId });
    expect(server.liveChats()).toEqual([]);
  });

  it("sends gpt4free's User-Agent on every request unless one is configured", async () => {
    const { provider } = await setup({ tokens: ['ok'] });
    await provider.createCompletion(undefined, conversation);
    const seedUserAgent =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36';
    expect(server.requests).toHaveLength(5);
    expect(server.requests.map((request) => request.headers['user-agent'])).toEqual(Array(5).fill(seedUserAgent));

    const configured = new OpenAssistant(
      { baseUrl: server.url, cookies: { 'next-auth.session-token': server.sessionToken }, userAgent: 'my-agent/1.0' },
      { env: {}, cwd: tmpdir() },
    );
    server.enqueueReply({ tokens: ['ok'] });
    await configured.createCompletion(undefined, conversation);
    expect(server.requests.slice(5).map((request) => request.headers['user-agent'])).toEqual(
      Array(5).fill('my-agent/1.0'),
    );
  });

  it('maps the standard settings and its own options over the defaults, and the model', async () => {
    const { provider } = await setup({ tokens: ['ok'] }, { sampling: { temperature: 0.7 } });
    await provider.createCompletion('_lorem', conversation, {
      topK: 10,
      maxOutputTokens: 64,
      topP: 0.9,
      providerOptions: { OpenAssistant: { typicalP: 0.5 } },
    });
    const body = server.requests.find((request) => request.path === '/api/chat/assistant_message')?.json as {
      model_config_name: string;
      sampling_parameters: unknown;
    };
    expect(body.model_config_name).toBe('_lorem');
    expect(body.sampling_parameters).toEqual({
      top_k: 10,
      top_p: 0.9,
      typical_p: 0.5,
      temperature: 0.7,
      repetition_penalty: 1.1111111111111112,
      max_new_tokens: 64,
    });
  });

  it('keeps the preset for a parameter given as undefined, per call or in settings', async () => {
    const { provider } = await setup({ tokens: ['ok'] }, { sampling: { topK: undefined } });
    await provider.createCompletion(undefined, conversation, { temperature: undefined, maxOutputTokens: 64 });
    const body = server.requests.find((request) => request.path === '/api/chat/assistant_message')?.json;
    expect(body).toMatchObject({
      sampling_parameters: {
        top_k: 50,
        top_p: null,
        typical_p: null,
        temperature: 0.35,
        repetition_penalty: 1.1111111111111112,
        max_new_tokens: 64,
      },
    });
  });

  it.each([
    ['ASCII', ['Hello', ', ', 'world', '!']],
    ['non-ASCII', ['Grüße', ' aus ', 'Zürich', ' — ', '東京']],
    ['emoji', ['👋', ' 🇫🇷', ' 👨‍👩‍👧‍👦', ' ok']],
  ])('streams %s text exactly as scripted', async (_label, tokens) => {
    const { provider } = await setup({ tokens, tokenDelayMs: 1 });
    const deltas = await collect(provider.createAsyncGenerator(undefined, conversation));
    expect(deltas.join('')).toBe(tokens.join(''));
    expect(deltas.every((delta) => typeof delta === 'string' && delta !== '')).toBe(true);
    expect(server.liveChats()).toEqual([]);
  });

  it('answers concurrent calls on one session, which the server would otherwise cancel', async () => {
    const { provider } = await setup({ tokens: ['one'], pendingEvents: 3, pendingIntervalMs: 5 });
    server.enqueueReply({ tokens: ['two'], pendingEvents: 3, pendingIntervalMs: 5 });
    server.enqueueReply({ tokens: ['three'] });
    const texts = await Promise.all([1, 2, 3].map(() => provider.createCompletion(undefined, conversation)));
    expect(texts.map((completion) => completion.text).sort()).toEqual(['one', 'three', 'two']);
    expect(server.liveChats()).toEqual([]);
  });

  it('works with a site served under a path prefix', async () => {
    const { provider: direct } = await setup({ tokens: ['x'] });
    const prefixed = new OpenAssistant(
      { baseUrl: `${server.url}/oa`, cookies: { 'next-auth.session-token': server.sessionToken } },
      { env: {}, cwd: tmpdir() },
    );
    expect(direct.url).toBe(`${server.url}/chat`);
    expect(prefixed.url).toBe(`${server.url}/oa/chat`);
    const error = await prefixed.createCompletion(undefined, conversation).catch((caught: unknown) => caught);
    // The emulator serves no prefix, so the prefixed request reaching /oa/api/chat is a 404.
    expect(server.requests.at(-1)?.path).toBe('/oa/api/chat');
    expect(ResponseStatusError.isInstance(error)).toBe(true);
  });

  it('skips empty tokens and yields the final content when no token came', async () => {
    const { provider } = await setup({ tokens: ['', ''], content: 'Only in the final message' });
    expect(await collect(provider.createAsyncGenerator(undefined, conversation))).toEqual([
      'Only in the final message',
    ]);
  });

  it('fetches the message when the events body is empty because it already finished', async () => {
    const { provider } = await setup({ tokens: ['Finished', ' early'], alreadyFinished: true });
    expect((await provider.createCompletion(undefined, conversation)).text).toBe('Finished early');
    expect(paths()).toContain('GET /api/chat/message');
    expect(server.liveChats()).toEqual([]);
  });

  it('raises the state a message ended in when the events body is empty because the worker gave up', async () => {
    const { provider } = await setup({ tokens: ['never'], alreadyFinished: 'aborted_by_worker' });
    const error = await provider.createCompletion(undefined, conversation).catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as UpstreamError).upstreamMessage).toBe('the message ended in state "aborted_by_worker"');
    expect(paths()).toContain('GET /api/chat/message');
    expect(server.liveChats()).toEqual([]);
  });
});

describe('OpenAssistant cleanup on every way out', () => {
  it('deletes the chat after an error event, raising the worker message', async () => {
    const { provider } = await setup({ tokens: ['par', 'tial'], end: { kind: 'error', error: 'CUDA out of memory' } });
    const { error, deltas } = await failure(provider.createAsyncGenerator(undefined, conversation));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as UpstreamError).upstreamMessage).toBe('CUDA out of memory');
    expect(deltas.join('')).toBe('partial');
    expect(server.liveChats()).toEqual([]);
  });

  it('raises an interrupted stream with the partial text when the connection drops', async () => {
    const { provider } = await setup({ tokens: ['half ', 'an answer'], end: { kind: 'drop' } });
    const { error } = await failure(provider.createAsyncGenerator(undefined, conversation));
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).partialText).toBe('half an answer');
    expect(server.liveChats()).toEqual([]);
  });

  it('raises an interrupted stream when the body ends without a final event', async () => {
    const { provider } = await setup({ tokens: ['cut'], end: { kind: 'close' } });
    const { error } = await failure(provider.createAsyncGenerator(undefined, conversation));
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).partialText).toBe('cut');
    expect(server.liveChats()).toEqual([]);
  });

  it('raises a protocol error on a malformed data line', async () => {
    const { provider } = await setup({ tokens: ['a'], end: { kind: 'malformed' } });
    const { error } = await failure(provider.createAsyncGenerator(undefined, conversation));
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect(server.liveChats()).toEqual([]);
  });

  it('deletes the chat when the consumer breaks after the first token', async () => {
    const { held, release } = holdGate();
    const { provider } = await setup({ tokens: ['first', 'second'], holdAfterToken: { index: 0, until: held } });
    for await (const delta of provider.createAsyncGenerator(undefined, conversation)) {
      expect(delta).toBe('first');
      break;
    }
    release();
    expect(server.liveChats()).toEqual([]);
    expect(server.deletedChatIds).toHaveLength(1);
  });

  it.each([
    ['an abort', (controller: AbortController) => ({ signal: controller.signal }), AbortedError.isInstance],
    ['the total timeout', () => ({ timeouts: { totalMs: 150 } }), TimeoutError.isInstance],
  ])(
    'deletes a chat still being created when %s ends the call, and settles at once',
    async (_label, options, expected) => {
      const { held, release } = holdGate();
      const { provider } = await setup({ tokens: ['never'] });
      server.failNext('create_chat', { holdUntil: held });
      const controller = new AbortController();
      const settled = failure(provider.createAsyncGenerator(undefined, conversation, options(controller)));
      await vi.waitFor(() => expect(server.requests).toHaveLength(1), { timeout: 10_000 });
      controller.abort();
      // The call has ended while the server still holds the answer that creates the chat.
      expect(expected((await settled).error)).toBe(true);
      expect(server.createdChatIds).toEqual([]);
      release();
      await vi.waitFor(() => expect(server.deletedChatIds).toHaveLength(1), { timeout: 10_000 });
      expect(server.liveChats()).toEqual([]);
    },
  );

  it('completes an answer whose final event, repeating it whole, is longer than the line bound', async () => {
    // 300,000 tokens of "tok ": the final message event carries 1.2 MB on one line, past the 1 MiB bound.
    const tokens = Array.from({ length: 300_000 }, () => 'tok ');
    const { provider } = await setup({ tokens });
    const { text } = await provider.createCompletion(undefined, conversation);
    expect(text.length).toBe(1_200_000);
    expect(server.liveChats()).toEqual([]);
  });

  it('deletes the chat when aborted before the first token', async () => {
    const { provider } = await setup({ tokens: ['never'], pendingEvents: 1000, pendingIntervalMs: 5 });
    const controller = new AbortController();
    const stream = provider.createAsyncGenerator(undefined, conversation, { signal: controller.signal });
    const settled = failure(stream);
    while (server.openStreams() === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    controller.abort();
    const { error, deltas } = await settled;
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(deltas).toEqual([]);
    expect(server.liveChats()).toEqual([]);
  });

  it('settles promptly after an abort mid-stream, and the delete has reached the server by then', async () => {
    const { held, release } = holdGate();
    const { provider } = await setup({ tokens: ['one', 'two'], holdAfterToken: { index: 0, until: held } });
    const controller = new AbortController();
    const order: string[] = [];
    const deltas: string[] = [];
    try {
      for await (const delta of provider.createAsyncGenerator(undefined, conversation, { signal: controller.signal })) {
        deltas.push(delta);
        controller.abort();
      }
    } catch (error) {
      order.push(`settled: ${(error as Error).name}`, `requests: ${paths().at(-1)}`);
    }
    release();
    expect(deltas).toEqual(['one']);
    expect(order).toEqual(['settled: AbortedError', 'requests: DELETE /api/chat']);
    expect(server.liveChats()).toEqual([]);
  });

  it('times out when the server goes silent mid-stream, and deletes the chat', async () => {
    const { provider } = await setup({ tokens: ['so far'], end: { kind: 'stall' } }, { timeouts: { idleMs: 50 } });
    const { error, deltas } = await failure(provider.createAsyncGenerator(undefined, conversation));
    expect(TimeoutError.isInstance(error) && error.phase === 'idle').toBe(true);
    expect(deltas).toEqual(['so far']);
    expect(server.liveChats()).toEqual([]);
  });

  it('times out on the first token when the server only ever says pending', async () => {
    const { provider } = await setup({ end: { kind: 'pending-forever' }, pendingIntervalMs: 5 });
    const { error } = await failure(
      provider.createAsyncGenerator(undefined, conversation, { timeouts: { firstTokenMs: 60 } }),
    );
    expect(TimeoutError.isInstance(error) && error.phase === 'firstToken').toBe(true);
    expect(server.liveChats()).toEqual([]);
    expect(server.openStreams()).toBe(0);
  });

  it('logs a failing delete without hiding the original error', async () => {
    const { provider, lines } = await setup({ tokens: ['x'], end: { kind: 'error', error: 'worker died' } });
    server.failNext('delete_chat', { status: 500, body: 'Internal Server Error' });
    const { error } = await failure(provider.createAsyncGenerator(undefined, conversation));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(lines.some((line) => line.includes('could not delete the chat'))).toBe(true);
  });

  it('gives up on a delete that hangs, after its own short deadline', async () => {
    const { provider, lines } = await setup({ tokens: ['answered'] }, { deleteTimeoutMs: 50 });
    server.failNext('delete_chat', { stall: true });
    expect((await provider.createCompletion(undefined, conversation)).text).toBe('answered');
    expect(lines.some((line) => line.includes('could not delete the chat'))).toBe(true);
    expect(server.requests.at(-1)?.method).toBe('DELETE');
  });

  it('leaves no timer behind after a call', async () => {
    const { provider } = await setup({ tokens: ['a', 'b'] });
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    await provider.createCompletion(undefined, conversation);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

describe('OpenAssistant input and error mapping', () => {
  it.each([
    ['an unknown option key', { stream: true }, 'options.stream'],
    ['a bad sampling parameter', { temperature: -1 }, 'options.temperature'],
    ['a wrongly typed parameter', { topK: '50' }, 'options.topK'],
    ['a null maxNewTokens', { maxNewTokens: null }, 'options.maxNewTokens'],
  ])('rejects %s before any request', async (_label, options, path) => {
    const { provider } = await setup();
    expect(() =>
      provider.createAsyncGenerator(undefined, conversation, options as unknown as Record<string, never>),
    ).toThrowError(new RegExp(path.replace('.', '\\.')));
    expect(server.requests).toEqual([]);
  });

  it('rejects an unknown model before any request', async () => {
    const { provider } = await setup();
    expect(() => provider.createAsyncGenerator('gpt-4', conversation)).toThrowError(ModelNotSupportedError);
    expect(server.requests).toEqual([]);
  });

  it('tells the user which cookie to supply on 403, and deletes nothing it never created', async () => {
    const { provider } = await setup(undefined, { cookies: {} });
    const error = await provider.createCompletion(undefined, conversation).catch((caught: unknown) => caught);
    expect(MissingAuthError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('__Secure-next-auth.session-token');
    expect(paths()).toEqual(['POST /api/chat']);
  });

  it('surfaces a 422 for a model the server does not allow as ModelNotSupportedError', async () => {
    server = await startOpenAssistantServer({ allowedModels: ['_lorem'] });
    const provider = new OpenAssistant(
      { baseUrl: server.url, cookies: { 'next-auth.session-token': server.sessionToken } },
      { env: {}, cwd: tmpdir() },
    );
    const error = await provider.createCompletion(undefined, conversation).catch((caught: unknown) => caught);
    expect(ModelNotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('not in allowed models: _lorem');
    expect(server.liveChats()).toEqual([]);
  });

  it('surfaces any other 422 as InvalidRequestError with the server detail', async () => {
    const { provider } = await setup();
    server.failNext('prompter_message', {
      status: 422,
      headers: { 'content-type': 'application/json' },
      body: '{"message":[{"loc":["body","content"],"msg":"field required","type":"value_error.missing"}]}',
    });
    const error = await provider.createCompletion(undefined, conversation).catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('body.content: field required');
    expect(server.liveChats()).toEqual([]);
  });

  it('makes 429 a retryable rate limit with Retry-After, and 503 and 500 retryable status errors', async () => {
    const { provider } = await setup();
    server.failNext('assistant_message', { status: 429, headers: { 'retry-after': '12' } });
    const limited = await provider.createCompletion(undefined, conversation).catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(limited)).toBe(true);
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 12_000 });

    server.failNext('assistant_message', {
      status: 503,
      body: '{"message":"The server is currently busy. Please try again later."}',
    });
    const busy = await provider.createCompletion(undefined, conversation).catch((caught: unknown) => caught);
    expect(ResponseStatusError.isInstance(busy)).toBe(true);
    expect(busy).toMatchObject({ status: 503, retryable: true });

    server.failNext('events', { status: 500, body: 'Internal Server Error' });
    const broken = await provider.createCompletion(undefined, conversation).catch((caught: unknown) => caught);
    expect(ResponseStatusError.isInstance(broken)).toBe(true);
    expect(broken).toMatchObject({ status: 500 });
    expect(server.liveChats()).toEqual([]);
  });
});

describe('OpenAssistant credentials and proxy', () => {
  it('prefers the per-call cookies, then config, then cookie files, sent to the base URL host', async () => {
    server = await startOpenAssistantServer({ pendingIntervalMs: 5 });
    cleanupDir = await mkdtemp(join(tmpdir(), 'switchyard-oa-cookies-'));
    await writeFile(
      join(cleanupDir, 'cookies.txt'),
      `127.0.0.1\tFALSE\t/\tFALSE\t0\tnext-auth.session-token\t${server.sessionToken}\n` +
        'elsewhere.example\tFALSE\t/\tFALSE\t0\tforeign\tnot-for-this-host\n',
    );
    const fromFiles = new OpenAssistant(
      { baseUrl: server.url },
      { env: { SWITCHYARD_COOKIES_DIR: cleanupDir }, cwd: '/' },
    );
    expect(fromFiles.hasCredentials()).toBe(true);
    expect((await fromFiles.createCompletion(undefined, conversation)).text).not.toBe('');
    expect(server.requests[0]?.headers.cookie).toBe(`next-auth.session-token=${server.sessionToken}`);

    const fromConfig = new OpenAssistant(
      {},
      {
        config: { providers: { OpenAssistant: { baseUrl: server.url } }, cookies: { '127.0.0.1': { theme: 'dark' } } },
        env: { SWITCHYARD_COOKIES_DIR: cleanupDir },
        cwd: '/',
      },
    );
    await fromConfig.createCompletion(undefined, conversation, {
      cookies: { '__Secure-next-auth.session-token': server.sessionToken },
    });
    const sent = server.requests.at(-1)?.headers.cookie ?? '';
    expect(sent).toContain('theme=dark');
    expect(sent).toContain(`__Secure-next-auth.session-token=${server.sessionToken}`);
    expect(sent).not.toContain('foreign');
    expect(server.liveChats()).toEqual([]);
  });

  it('reaches the emulator through a real proxy process, cookies inside the tunnel only', async () => {
    const { provider } = await setup({ tokens: ['via', ' proxy'] });
    proxy = await startProxyProcess('http', { credentials: 'oa:proxy-secret' });
    const text = (await provider.createCompletion(undefined, conversation, { proxy: proxy.url })).text;
    expect(text).toBe('via proxy');
    expect(proxy.tunnels.map((tunnel) => tunnel.target)).toContain(new URL(server.url).host);
    expect(server.requests.every((request) => request.headers.cookie?.includes(server.sessionToken))).toBe(true);
    expect(server.liveChats()).toEqual([]);
  });
});
