import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError } from '../errors/aborted-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { SseTestProvider } from '../test-support/sse-test-provider.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import type { ProviderCall } from './async-generator-provider.js';
import type { Messages } from './message.js';

const hello: Messages = [{ role: 'user', content: 'Hello' }];

let server: TestServer;
afterEach(async () => {
  await server.close();
});

async function startStreamingServer(events: readonly string[] = ['Hi', ' there']) {
  server = await startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(events.map((data) => `data: ${data}\r\n\r\n`).join(''));
  });
  return new SseTestProvider(server.url);
}

function invalidRequestPaths(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    if (!InvalidRequestError.isInstance(error)) throw error;
    return error.issues.map((issue) => issue.path);
  }
  throw new Error('expected an InvalidRequestError');
}

describe('AsyncGeneratorProvider input validation', () => {
  // Each case is cast through unknown: these are calls a JavaScript caller could make.
  const cases: Array<[string, unknown, unknown, string]> = [
    ['messages that are not an array', 'hello', {}, 'messages'],
    ['an empty array', [], {}, 'messages'],
    ['an unknown role', [{ role: 'robot', content: 'x' }], {}, 'messages.0.role'],
    ['content that is not a string', [{ role: 'user', content: 42 }], {}, 'messages.0.content'],
    ['an unknown option key', hello, { stream: true }, 'options.stream'],
    ['an option of the wrong type', hello, { temperature: 'hot' }, 'options.temperature'],
    ['an option out of range', hello, { maxTokens: -1 }, 'options.maxTokens'],
    ['a malformed proxy', hello, { proxy: 'ftp://127.0.0.1:21' }, 'options.proxy'],
    ['a malformed timeout', hello, { timeouts: { idleMs: 0 } }, 'options.timeouts.idleMs'],
    ['a signal that is not an AbortSignal', hello, { signal: 'stop' }, 'options.signal'],
    ['a cookie value a header cannot carry', hello, { cookies: { sid: 'a€' } }, 'options.cookies.sid'],
    ['a cookie value that smuggles another cookie', hello, { cookies: { sid: 'a; admin=1' } }, 'options.cookies.sid'],
  ];

  it.each(cases)('rejects %s before any request, naming the path', async (_label, messages, options, path) => {
    const provider = await startStreamingServer();
    const paths = invalidRequestPaths(() =>
      provider.createAsyncGenerator(undefined, messages as Messages, options as Record<string, never>),
    );
    expect(paths).toContain(path);
    await expect(
      provider.createCompletion(undefined, messages as Messages, options as Record<string, never>),
    ).rejects.toSatisfy((error: unknown) => InvalidRequestError.isInstance(error) && error.message.includes(path));
    expect(server.requests).toHaveLength(0);
  });
});

describe('AsyncGeneratorProvider models', () => {
  it('uses the default model when none is given', async () => {
    const provider = await startStreamingServer();
    const completion = await provider.createCompletion(undefined, hello);
    expect(completion).toEqual({ text: 'Hi there', provider: 'SseTest', model: 'small' });
    expect(JSON.parse(server.requests[0]?.body ?? '{}').model).toBe('small');
  });

  it('maps an alias to its model', async () => {
    const provider = await startStreamingServer();
    expect((await provider.createCompletion('tiny', hello)).model).toBe('small');
    expect(JSON.parse(server.requests[0]?.body ?? '{}').model).toBe('small');
  });

  it('rejects an unknown model, listing the valid ones, before any request', async () => {
    const provider = await startStreamingServer();
    let thrown: unknown;
    try {
      provider.createAsyncGenerator('huge', hello);
    } catch (error) {
      thrown = error;
    }
    expect(ModelNotSupportedError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toContain('Use one of: small, large, tiny');
    expect(server.requests).toHaveLength(0);
  });
});

describe('AsyncGeneratorProvider parameters', () => {
  it('treats a parameter given as undefined as not given', async () => {
    // Sees the call as an implementation does, before JSON would drop an undefined key anyway.
    class RecordingProvider extends SseTestProvider {
      readonly seen: object[] = [];
      protected override async *streamText(call: ProviderCall<{ temperature?: number; maxTokens?: number }>) {
        this.seen.push(call.parameters);
        yield* [];
      }
    }
    const provider = new RecordingProvider('http://127.0.0.1:9');
    await provider.createCompletion(undefined, hello, { temperature: undefined, maxTokens: 5 });
    expect(provider.seen).toEqual([{ maxTokens: 5 }]);
    expect(Object.keys(provider.seen[0] ?? {})).toEqual(['maxTokens']);
  });

  it('takes inherited member names as plain model names', async () => {
    const provider = await startStreamingServer();
    Object.defineProperty(provider, 'models', { value: [] });
    expect(provider.resolveModel('constructor')).toBe('constructor');
    expect(provider.resolveModel('toString')).toBe('toString');
  });
});

describe('AsyncGeneratorProvider streaming and cancellation', () => {
  it('streams deltas and passes validated parameters', async () => {
    const provider = await startStreamingServer();
    const deltas: string[] = [];
    for await (const delta of provider.createAsyncGenerator('large', hello, { temperature: 0.5 })) deltas.push(delta);
    expect(deltas.join('')).toBe('Hi there');
    expect(JSON.parse(server.requests[0]?.body ?? '{}').parameters).toEqual({ temperature: 0.5 });
  });

  it('rejects an already-aborted signal with no request made', async () => {
    const provider = await startStreamingServer();
    const controller = new AbortController();
    controller.abort();
    await expect(provider.createCompletion(undefined, hello, { signal: controller.signal })).rejects.toSatisfy(
      (error: unknown) => AbortedError.isInstance(error),
    );
    expect(server.requests).toHaveLength(0);
  });

  it('fires the total timeout as a typed error and closes the connection', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: partial\r\n\r\n');
    });
    const provider = new SseTestProvider(server.url, { timeouts: { totalMs: 100 } });
    const deltas: string[] = [];
    const reading = (async () => {
      for await (const delta of provider.createAsyncGenerator(undefined, hello)) deltas.push(delta);
    })();
    await expect(reading).rejects.toSatisfy(
      (error: unknown) => TimeoutError.isInstance(error) && error.phase === 'total' && error.provider === 'SseTest',
    );
    expect(deltas).toEqual(['partial']);
    await server.clientClosed(0);
  });

  it('lets a per-call timeout override the constructor', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: partial\r\n\r\n');
    });
    const provider = new SseTestProvider(server.url, { timeouts: { idleMs: 60_000 } });
    await expect(provider.createCompletion(undefined, hello, { timeouts: { idleMs: 50 } })).rejects.toSatisfy(
      (error: unknown) => TimeoutError.isInstance(error) && error.phase === 'idle' && error.timeoutMs === 50,
    );
  });
});
