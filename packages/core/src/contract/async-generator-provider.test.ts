import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError } from '../errors/aborted-error.js';
import type { AttemptRecord } from '../errors/all-providers-failed-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { SseTestProvider } from '../test-support/sse-test-provider.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import type { CallWarning } from './call-warning.js';
import type { Messages } from './message.js';
import type { ProviderCall } from './provider-call.js';
import type { StreamPart } from './stream-part.js';

const hello: Messages = [{ role: 'user', content: 'Hello' }];

let server: TestServer;
afterEach(async () => {
  await server.close();
});

async function startStreamingServer(events: readonly string[] = ['Hi', ' there', '[DONE]']) {
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
    ['an option out of range', hello, { maxOutputTokens: -1 }, 'options.maxOutputTokens'],
    [
      'options of this provider that its schema rejects',
      hello,
      { providerOptions: { SseTest: { style: 'loud' } } },
      'options.providerOptions.SseTest.style',
    ],
    [
      'an unknown option of this provider',
      hello,
      { providerOptions: { ssetest: { colour: 'red' } } },
      'options.providerOptions.ssetest.colour',
    ],
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
  it('treats a setting given as undefined as not given', async () => {
    // Sees the call as an implementation does, before JSON would drop an undefined key anyway.
    class RecordingProvider extends SseTestProvider {
      readonly seen: object[] = [];
      protected override async *doStream(call: ProviderCall<object>) {
        this.seen.push(call.settings);
        yield { type: 'finish' as const, finishReason: 'stop' as const, rawFinishReason: undefined, usage: undefined };
      }
    }
    const provider = new RecordingProvider('http://127.0.0.1:9');
    await provider.createCompletion(undefined, hello, { temperature: undefined, maxOutputTokens: 5 });
    expect(provider.seen).toEqual([{ maxOutputTokens: 5 }]);
    expect(Object.keys(provider.seen[0] ?? {})).toEqual(['maxOutputTokens']);
  });

  it('takes inherited member names as plain model names', async () => {
    const provider = await startStreamingServer();
    Object.defineProperty(provider, 'models', { value: [] });
    expect(provider.resolveModel('constructor')).toBe('constructor');
    expect(provider.resolveModel('toString')).toBe('toString');
  });
});

describe('AsyncGeneratorProvider streaming and cancellation', () => {
  it('streams deltas and passes validated settings', async () => {
    const provider = await startStreamingServer();
    const deltas: string[] = [];
    for await (const delta of provider.createAsyncGenerator('large', hello, { temperature: 0.5 })) deltas.push(delta);
    expect(deltas.join('')).toBe('Hi there');
    expect(JSON.parse(server.requests[0]?.body ?? '{}').settings).toEqual({ temperature: 0.5 });
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

/** A provider that hands the kit a copy of its call, as `{ ...call, proxy: undefined }`, and keeps what it was given. */
class CopyingProvider extends SseTestProvider {
  readonly seen: ProviderCall<object>[] = [];

  protected override doStream(call: ProviderCall<{ style?: 'plain' | 'fancy' }>) {
    this.seen.push(call);
    return super.doStream({ ...call, proxy: undefined });
  }
}

describe('the call a provider is given', () => {
  it('keeps its signal in a copy: aborting the caller ends a copied call mid-stream', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: held\r\n\r\n');
    });
    const provider = new CopyingProvider(server.url);
    const caller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const text of provider.createAsyncGenerator(undefined, hello, { signal: caller.signal })) {
        seen.push(text);
        caller.abort();
      }
    })();
    await expect(reading).rejects.toSatisfy(AbortedError.isInstance);
    expect(seen).toEqual(['held']);
    await server.clientClosed(0);
  });

  it('holds new messages in a frozen array, so neither side changes the other', async () => {
    const provider = new CopyingProvider((await startStreamingServer()).url);
    const messages = [{ role: 'user' as const, content: 'Hello' }];
    const stream = provider.stream({ messages });
    messages.push({ role: 'user', content: 'pushed after the call began' });
    for await (const _ of stream) {
      // drained
    }
    const given = provider.seen[0]?.messages;
    expect(given).toEqual([{ role: 'user', content: 'Hello' }]);
    expect(Object.isFrozen(given)).toBe(true);
    expect(given?.[0]).not.toBe(messages[0]);
    expect(JSON.parse(server.requests[0]?.body ?? '{}').messages).toEqual([{ role: 'user', content: 'Hello' }]);
  });
});

describe('AsyncGeneratorProvider.stream and complete', () => {
  it('streams a start part, the text (its first delta at once) and one finish part', async () => {
    const provider = await startStreamingServer();
    const parts: StreamPart[] = [];
    for await (const part of provider.stream({ messages: hello, model: 'tiny' })) parts.push(part);
    expect(parts).toEqual([
      { type: 'start', provider: 'SseTest', model: 'small' },
      { type: 'text', text: 'Hi' },
      { type: 'text', text: ' there' },
      { type: 'finish', finishReason: 'stop', rawFinishReason: undefined, usage: undefined },
    ]);
  });

  it('completes with the text, finish reason, provider, model and the one attempt', async () => {
    const provider = await startStreamingServer();
    const result = await provider.complete({ messages: hello });
    expect(result).toMatchObject({
      text: 'Hi there',
      reasoning: '',
      finishReason: 'stop',
      provider: 'SseTest',
      model: 'small',
      warnings: [],
      attempts: [{ provider: 'SseTest', model: 'small', attempt: 1, outcome: 'succeeded', error: undefined }],
    });
  });

  it('warns of a standard setting the provider cannot send, on the result and through the listener', async () => {
    const provider = await startStreamingServer();
    const heard: CallWarning[] = [];
    const result = await provider.complete({
      messages: hello,
      topK: 5,
      temperature: 0.3,
      onWarning: (w) => heard.push(w),
    });
    const expected = { provider: 'SseTest', type: 'unsupported-setting', setting: 'topK' };
    expect(result.warnings).toEqual([expect.objectContaining(expected)]);
    expect(heard).toEqual(result.warnings);
    expect(JSON.parse(server.requests[0]?.body ?? '{}').settings).toEqual({ topK: 5, temperature: 0.3 });
  });

  it('validates its own providerOptions entry and ignores the entries of other providers', async () => {
    const provider = await startStreamingServer();
    await provider.complete({
      messages: hello,
      providerOptions: { SseTest: { style: 'fancy' }, SomeoneElse: { anything: true } },
    });
    expect(JSON.parse(server.requests[0]?.body ?? '{}').options).toEqual({ style: 'fancy' });
    expect(
      invalidRequestPaths(() => provider.stream({ messages: hello, providerOptions: { SseTest: { style: 1 } } })),
    ).toEqual(['request.providerOptions.SseTest.style']);
    expect(invalidRequestPaths(() => provider.stream({ messages: [{ role: 'x', content: '' }] } as never))).toEqual([
      'request.messages.0.role',
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a failed attempt of a single provider to onAttempt', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(500).end('down');
    });
    const provider = new SseTestProvider(server.url);
    const attempts: AttemptRecord[] = [];
    await expect(provider.complete({ messages: hello, onAttempt: (a) => attempts.push(a) })).rejects.toThrow(/500/);
    expect(attempts).toMatchObject([{ provider: 'SseTest', outcome: 'failed', attempt: 1 }]);
  });

  it('turns an implementation that stops without its finish part into an interruption, never a short success', async () => {
    class ShortProvider extends SseTestProvider {
      protected override async *doStream() {
        yield { type: 'text' as const, text: 'half' };
      }
    }
    const parts: string[] = [];
    const reading = (async () => {
      for await (const delta of new ShortProvider('http://127.0.0.1:9').createAsyncGenerator(undefined, hello))
        parts.push(delta);
    })();
    await expect(reading).rejects.toSatisfy(
      (error: unknown) => StreamInterruptedError.isInstance(error) && error.partialText === 'half',
    );
    expect(parts).toEqual(['half']);
  });

  it('drops empty deltas and rejects a part after the finish part', async () => {
    class SloppyProvider extends SseTestProvider {
      protected override async *doStream() {
        yield { type: 'text' as const, text: '' };
        yield { type: 'text' as const, text: 'ok' };
        yield { type: 'finish' as const, finishReason: 'stop' as const, rawFinishReason: undefined, usage: undefined };
        yield { type: 'text' as const, text: 'late' };
      }
    }
    const parts: StreamPart[] = [];
    const reading = (async () => {
      for await (const part of new SloppyProvider('http://127.0.0.1:9').stream({ messages: hello })) parts.push(part);
    })();
    await expect(reading).rejects.toSatisfy((error: unknown) => ProtocolError.isInstance(error));
    expect(parts.map((part) => part.type)).toEqual(['start', 'text', 'finish']);
  });
});
