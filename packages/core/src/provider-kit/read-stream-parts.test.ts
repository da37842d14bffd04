import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveredText } from '../contract/delivered-text.js';
import type { ProviderPart } from '../contract/stream-part.js';
import { AbortedError } from '../errors/aborted-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UpstreamError } from '../errors/upstream-error.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import { sendRequest } from '../transport/send-request.js';
import { defaultTimeouts } from '../transport/timeouts.js';
import type { PartSink, StreamDecoder } from './part-sink.js';
import { readNdjsonParts, readSseParts } from './read-stream-parts.js';
import type { SseEvent } from './sse-framing.js';

/** A protocol small enough to read at a glance: `kind:payload` per event. */
function decodeLine(data: string, out: PartSink): void {
  const [kind, ...rest] = data.split(':');
  const payload = rest.join(':');
  if (kind === 'text') out.text(payload);
  else if (kind === 'think') out.reasoning(payload);
  else if (kind === 'finish') out.finish('length', payload);
  else if (kind === 'usage') out.usage({ outputTokens: Number(payload) });
  else if (kind === 'error') out.fail(new UpstreamError({ provider: 'Test', upstreamMessage: payload }));
  else if (kind === 'final') {
    out.finish('stop', 'final');
    out.end();
  } else if (kind !== 'ping') out.text(data);
}

const sseDecoder: StreamDecoder<SseEvent> = {
  finalEvent: 'a final event',
  onEvent: (event, out) => decodeLine(event.data, out),
};
const ndjsonDecoder: StreamDecoder<string> = { finalEvent: 'a final line', onEvent: decodeLine };

function callWith(limits: { firstTokenMs?: number; idleMs?: number } = {}) {
  return {
    provider: 'Test',
    timeouts: { ...defaultTimeouts, firstTokenMs: 10_000, idleMs: 10_000, ...limits },
    delivered: new DeliveredText(),
  };
}

/** Drains parts as a caller would, recording each and what was delivered. */
async function drain(parts: AsyncIterable<ProviderPart>, call = callWith()): Promise<ProviderPart[]> {
  const seen: ProviderPart[] = [];
  for await (const part of parts) {
    seen.push(part);
    if (part.type === 'text') call.delivered.append(part.text);
  }
  return seen;
}

/** A body as undici hands it over: bytes, in the reads given. */
const bodyOf = (reads: ReadonlyArray<string | Buffer>) => Readable.from(reads.map((read) => Buffer.from(read)));

const sse = (...events: string[]) => events.map((data) => `data: ${data}\r\n\r\n`).join('');

// CRLF separators as sse-starlette writes them, a comment ping, a multi-line event and non-ASCII text.
const wire = Buffer.from(
  'data: text:Hel\r\n\r\n' +
    ': ping - 2023-04-10 12:00:00.123456\r\n\r\n' +
    'event: custom\r\ndata: text:line one\r\ndata: line two\r\n\r\n' +
    'data: text:héllo 👋 世界\r\n\r\n' +
    'data: final\r\n\r\n',
  'utf8',
);

let server: TestServer | undefined;

const openStream = (url: string, signal = new AbortController().signal) =>
  sendRequest({ url: new URL(url), method: 'GET', signal, timeouts: defaultTimeouts, streaming: true });

/** A server that writes `events` as SSE, then leaves the socket open and silent. */
async function startHoldingServer(...events: string[]): Promise<TestServer> {
  server = await startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(sse(...events));
  });
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('readSseParts', () => {
  it('reads sse-starlette output: comments skipped, multi-line data joined, the first part at once, the rest of the read joined', async () => {
    const call = callWith();
    const parts = await drain(readSseParts(bodyOf([wire]), call, sseDecoder, { target: 'test' }), call);
    expect(parts).toEqual([
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'line one\nline twohéllo 👋 世界' },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'final', usage: undefined },
    ]);
  });

  it('reads the same text whatever byte boundary the stream is split at', async () => {
    for (let split = 1; split < wire.length; split++) {
      const call = callWith();
      const parts = await drain(
        readSseParts(bodyOf([wire.subarray(0, split), wire.subarray(split)]), call, sseDecoder, { target: 'test' }),
        call,
      );
      expect(call.delivered.text, `split at ${split}`).toBe('Helline one\nline twohéllo 👋 世界');
      expect(parts.at(-1)?.type).toBe('finish');
    }
  });

  it('reads the same text when a real server sends it in two writes, at every boundary', async () => {
    server = await startTestServer(async (request, response) => {
      const split = Number(new URL(request.url ?? '', 'http://x').searchParams.get('split'));
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(wire.subarray(0, split));
      await delay(1);
      response.end(wire.subarray(split));
    });
    for (let split = 1; split < wire.length; split += 7) {
      const call = callWith();
      const response = await openStream(`${server.url}/?split=${split}`);
      await drain(readSseParts(response.body, call, sseDecoder, { target: 'test' }), call);
      expect(call.delivered.text, `split at ${split}`).toBe('Helline one\nline twohéllo 👋 世界');
    }
  });

  it('keeps reasoning and text apart and in order, joining runs of each after the first part', async () => {
    const body = sse('think:a', 'think:b', 'text:c', 'text:d', 'think:e', 'usage:7', 'final');
    const parts = await drain(readSseParts(bodyOf([sse('think:0'), body]), callWith(), sseDecoder, { target: 'test' }));
    expect(parts).toEqual([
      { type: 'reasoning', text: '0' },
      { type: 'reasoning', text: 'ab' },
      { type: 'text', text: 'cd' },
      { type: 'reasoning', text: 'e' },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'final', usage: { outputTokens: 7 } },
    ]);
  });

  it('raises a protocol error on an event longer than the bound', async () => {
    const long = Buffer.from(`data: ${'x'.repeat(5000)}\r\n\r\n`);
    const reading = drain(
      readSseParts(bodyOf([long]), callWith(), sseDecoder, { target: 'test', maxBufferSize: 1024 }),
    );
    await expect(reading).rejects.toSatisfy((error: unknown) => ProtocolError.isInstance(error));
  });

  it('raises a protocol error on an over-long line that arrives in small pieces', async () => {
    const pieces = Array.from({ length: 100 }, () => Buffer.from('y'.repeat(100)));
    const reading = drain(
      readSseParts(bodyOf([Buffer.from('data: '), ...pieces]), callWith(), sseDecoder, {
        target: 'test',
        maxBufferSize: 4096,
      }),
    );
    await expect(reading).rejects.toThrow(/4096 beyond the text so far/);
  });

  it('lets a final event repeat the whole answer, however long, beyond the bound', async () => {
    const answer = 'tok '.repeat(3000);
    const body = `${sse(...answer.split(/(?<= )/).map((token) => `text:${token}`))}${sse(`text:${answer}`)}`;
    const parts = await drain(
      readSseParts(bodyOf([body, sse('final')]), callWith(), sseDecoder, { target: 'test', maxBufferSize: 1024 }),
    );
    expect(parts.at(-1)?.type).toBe('finish');
  });

  it('fires the idle timeout while the server holds the socket open and sends nothing', async () => {
    await startHoldingServer('text:first');
    const call = callWith({ firstTokenMs: 5_000, idleMs: 60 });
    const response = await openStream((server as TestServer).url);
    const seen: ProviderPart[] = [];
    const reading = (async () => {
      for await (const part of readSseParts(response.body, call, sseDecoder, { target: 'test' })) seen.push(part);
    })();
    await expect(reading).rejects.toSatisfy(
      (error: unknown) => TimeoutError.isInstance(error) && error.phase === 'idle' && error.timeoutMs === 60,
    );
    expect(seen).toEqual([{ type: 'text', text: 'first' }]);
    await server?.clientClosed(0);
  });

  it('fires the first-token timeout when only keep-alive events arrive', async () => {
    server = await startTestServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < 200 && !response.destroyed; i++) {
        response.write(sse('ping'));
        await delay(10);
      }
      response.end();
    });
    const response = await openStream(server.url);
    const reading = drain(
      readSseParts(response.body, callWith({ firstTokenMs: 80, idleMs: 5_000 }), sseDecoder, { target: 'test' }),
    );
    await expect(reading).rejects.toSatisfy(
      (error: unknown) => TimeoutError.isInstance(error) && error.phase === 'firstToken',
    );
    await server.clientClosed(0);
  });

  it('counts reasoning as progress: a model that thinks past the first-token limit completes', async () => {
    server = await startTestServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < 15; i++) {
        response.write(sse('think:hmm '));
        await delay(20);
      }
      response.end(sse('text:answer', 'final'));
    });
    const response = await openStream(server.url);
    // Thinking lasts ~300 ms against a first-token limit of 150 ms, each gap far below the idle limit.
    const parts = await drain(
      readSseParts(response.body, callWith({ firstTokenMs: 150, idleMs: 2_000 }), sseDecoder, { target: 'test' }),
    );
    expect(parts.filter((part) => part.type === 'text')).toEqual([{ type: 'text', text: 'answer' }]);
  });

  it('closes the socket when aborted mid-body, and the server sees the close', async () => {
    await startHoldingServer('text:one');
    const controller = new AbortController();
    const response = await openStream((server as TestServer).url, controller.signal);
    const reason = new AbortedError({ provider: 'Test' });
    const reading = (async () => {
      for await (const part of readSseParts(response.body, callWith(), sseDecoder, { target: 'test' })) {
        if (part.type === 'text') controller.abort(reason);
      }
    })();
    await expect(reading).rejects.toBe(reason);
    await server?.clientClosed(0);
  });

  it('releases the socket when the consumer stops early', async () => {
    await startHoldingServer('text:one');
    const response = await openStream((server as TestServer).url);
    for await (const _part of readSseParts(response.body, callWith(), sseDecoder, { target: 'test' })) break;
    await server?.clientClosed(0);
  });

  it('waits for the end after the final event, so the socket is reused', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(sse('text:token', 'final'));
    });
    const connections = new Set<number | undefined>();
    for (let call = 0; call < 3; call++) {
      const response = await openStream(server.url);
      const parts = await drain(readSseParts(response.body, callWith(), sseDecoder, { target: 'test' }));
      expect(parts.map((part) => part.type)).toEqual(['text', 'finish']);
      connections.add(server.requests[call]?.remotePort);
    }
    expect(connections.size).toBe(1);
  });

  it('completes on the final event even when the server never ends the body', async () => {
    await startHoldingServer('text:done', 'final');
    const response = await openStream((server as TestServer).url);
    const parts = await drain(readSseParts(response.body, callWith({ idleMs: 50 }), sseDecoder, { target: 'test' }));
    expect(parts.map((part) => part.type)).toEqual(['text', 'finish']);
    await server?.clientClosed(0);
  });

  it('does not take a slow consumer for a silent server', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(sse('text:one'));
      setTimeout(() => response.end(sse('text:two', 'final')), 20);
    });
    const response = await openStream(server.url);
    const seen: string[] = [];
    for await (const part of readSseParts(response.body, callWith({ firstTokenMs: 5_000, idleMs: 60 }), sseDecoder, {
      target: 'test',
    })) {
      if (part.type === 'text') seen.push(part.text);
      // Holding each part longer than the idle timeout: the clock must wait for the consumer.
      await delay(150);
    }
    expect(seen).toEqual(['one', 'two']);
  });

  it('raises an interruption carrying the delivered text when the body ends without the final event', async () => {
    const call = callWith();
    const reading = drain(
      readSseParts(bodyOf([sse('text:half', 'text: an answer')]), call, sseDecoder, { target: 'test' }),
      call,
    );
    await expect(reading).rejects.toSatisfy(
      (error: unknown) =>
        StreamInterruptedError.isInstance(error) &&
        error.partialText === 'half an answer' &&
        error.message.includes('without a final event'),
    );
  });

  it('completes a body that reported its finish reason and ended cleanly without a final event', async () => {
    const parts = await drain(
      readSseParts(bodyOf([sse('text:cut', 'finish:max_tokens')]), callWith(), sseDecoder, { target: 'test' }),
    );
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'length',
      rawFinishReason: 'max_tokens',
      usage: undefined,
    });
  });

  it('delivers what came before an error event, then raises it', async () => {
    const seen: ProviderPart[] = [];
    const reading = (async () => {
      for await (const part of readSseParts(
        bodyOf([sse('text:so far', 'error:boom', 'text:never')]),
        callWith(),
        sseDecoder,
        { target: 'test' },
      ))
        seen.push(part);
    })();
    await expect(reading).rejects.toSatisfy(
      (error: unknown) => UpstreamError.isInstance(error) && error.upstreamMessage === 'boom',
    );
    expect(seen).toEqual([{ type: 'text', text: 'so far' }]);
  });

  it('asks the decoder about a body with no event at all', async () => {
    const decoder: StreamDecoder<SseEvent> = {
      ...sseDecoder,
      onEmptyBody: async (out) => {
        out.text('fetched elsewhere');
        out.finish('stop');
        out.end();
      },
    };
    const parts = await drain(readSseParts(bodyOf([': only a comment\n\n']), callWith(), decoder, { target: 'test' }));
    expect(parts.map((part) => part.type)).toEqual(['text', 'finish']);
  });
});

describe('readNdjsonParts', () => {
  it('reads lines split anywhere, skips blank ones, and takes a last line without its newline', async () => {
    const body = 'text:a\r\n\ntext:b\ntext:c\nfinal';
    for (let split = 1; split < body.length; split++) {
      const call = callWith();
      const parts = await drain(
        readNdjsonParts(bodyOf([body.slice(0, split), body.slice(split)]), call, ndjsonDecoder, { target: 'test' }),
        call,
      );
      expect(call.delivered.text, `split at ${split}`).toBe('abc');
      expect(parts.at(-1)?.type).toBe('finish');
    }
  });

  it('raises a protocol error on a line longer than the bound', async () => {
    const reading = drain(
      readNdjsonParts(bodyOf(['x'.repeat(3000), 'y'.repeat(3000)]), callWith(), ndjsonDecoder, {
        target: 'test',
        maxBufferSize: 4096,
      }),
    );
    await expect(reading).rejects.toSatisfy((error: unknown) => ProtocolError.isInstance(error));
  });
});
