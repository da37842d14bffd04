import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError } from '../errors/aborted-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import { sendRequest } from './send-request.js';
import { type ReadSseOptions, readSseBatches, type SseEvent } from './sse-reader.js';
import { defaultTimeouts } from './timeouts.js';

const generous: ReadSseOptions = { firstTokenMs: 10_000, idleMs: 10_000 };

// CRLF separators as sse-starlette writes them, a comment ping, a multi-line event and non-ASCII text.
const wire = Buffer.from(
  'data: {"event_type": "token", "text": "Hel"}\r\n\r\n' +
    ': ping - 2023-04-10 12:00:00.123456\r\n\r\n' +
    'event: custom\r\ndata: line one\r\ndata: line two\r\n\r\n' +
    'data: héllo 👋 世界\r\n\r\n' +
    'data: {"event_type": "message"}\r\n\r\n',
  'utf8',
);

async function collect(batches: AsyncIterable<SseEvent[]>): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const batch of batches) events.push(...batch);
  return events;
}

let server: TestServer | undefined;

const openStream = (url: string, signal = new AbortController().signal) =>
  sendRequest({ url: new URL(url), method: 'GET', signal, timeouts: defaultTimeouts, streaming: true });
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('readSseBatches', () => {
  it('parses sse-starlette output', async () => {
    const events = await collect(readSseBatches(Readable.from([wire]), generous));
    expect(events.map((event) => [event.event, event.data])).toEqual([
      [undefined, '{"event_type": "token", "text": "Hel"}'],
      ['custom', 'line one\nline two'],
      [undefined, 'héllo 👋 世界'],
      [undefined, '{"event_type": "message"}'],
    ]);
  });

  it('parses the same events whatever byte boundary the stream is split at', async () => {
    const whole = await collect(readSseBatches(Readable.from([wire]), generous));
    for (let split = 1; split < wire.length; split++) {
      const parts = [wire.subarray(0, split), wire.subarray(split)];
      expect(await collect(readSseBatches(Readable.from(parts), generous)), `split at ${split}`).toEqual(whole);
    }
  });

  it('parses the same events when a real server sends them in two writes, at every boundary', async () => {
    server = await startTestServer(async (request, response) => {
      const split = Number(new URL(request.url ?? '', 'http://x').searchParams.get('split'));
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(wire.subarray(0, split));
      await delay(1);
      response.end(wire.subarray(split));
    });
    const whole = await collect(readSseBatches(Readable.from([wire]), generous));
    for (let split = 1; split < wire.length; split++) {
      const response = await openStream(`${server.url}/?split=${split}`);
      expect(await collect(readSseBatches(response.body, generous)), `split at ${split}`).toEqual(whole);
    }
  });

  it('yields the events of one read together', async () => {
    const batches: SseEvent[][] = [];
    for await (const batch of readSseBatches(Readable.from([wire]), generous)) batches.push(batch);
    expect(batches).toHaveLength(1);
  });

  it('raises a protocol error on a line longer than the bound', async () => {
    const long = Buffer.from(`data: ${'x'.repeat(5000)}\r\n\r\n`);
    const reading = collect(readSseBatches(Readable.from([long]), { ...generous, maxBufferSize: 1024 }));
    await expect(reading).rejects.toSatisfy((error: unknown) => ProtocolError.isInstance(error));
  });

  it('raises a protocol error on an over-long line that arrives in small pieces', async () => {
    const pieces = Array.from({ length: 100 }, () => Buffer.from('y'.repeat(100)));
    const reading = collect(
      readSseBatches(Readable.from([Buffer.from('data: '), ...pieces]), { ...generous, maxBufferSize: 4096 }),
    );
    await expect(reading).rejects.toThrow(/exceeded 4096 characters/);
  });

  it('fires the idle timeout while the server holds the socket open and sends nothing', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\r\n\r\n');
      // ...and then silence, with the socket left open.
    });
    const response = await openStream(server.url);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const batch of readSseBatches(response.body, { firstTokenMs: 5_000, idleMs: 60 })) {
        seen.push(...batch.map((event) => event.data));
      }
    })();
    await expect(reading).rejects.toSatisfy(
      (error: unknown) => TimeoutError.isInstance(error) && error.phase === 'idle' && error.timeoutMs === 60,
    );
    expect(seen).toEqual(['first']);
    await server.clientClosed(0);
  });

  it('fires the first-token timeout when only keep-alive events arrive', async () => {
    server = await startTestServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < 200 && !response.destroyed; i++) {
        response.write('data: {"event_type": "pending"}\r\n\r\n');
        await delay(10);
      }
      response.end();
    });
    const response = await openStream(server.url);
    const reading = collect(
      readSseBatches(response.body, {
        firstTokenMs: 80,
        idleMs: 5_000,
        isProgress: (event) => !event.data.includes('pending'),
      }),
    );
    await expect(reading).rejects.toSatisfy(
      (error: unknown) => TimeoutError.isInstance(error) && error.phase === 'firstToken',
    );
    await server.clientClosed(0);
  });

  it('closes the socket when aborted mid-body, and the server sees the close', async () => {
    server = await startTestServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\r\n\r\n');
    });
    const controller = new AbortController();
    const response = await openStream(server.url, controller.signal);
    const reason = new AbortedError({ provider: 'Test' });
    const reading = (async () => {
      for await (const batch of readSseBatches(response.body, generous)) {
        if (batch.some((event) => event.data === 'one')) controller.abort(reason);
      }
    })();
    await expect(reading).rejects.toBe(reason);
    await server.clientClosed(0);
  });

  it('releases the socket when the consumer stops early', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\r\n\r\n');
    });
    const response = await openStream(server.url);
    for await (const _batch of readSseBatches(response.body, generous)) break;
    await server.clientClosed(0);
  });

  it('waits for the end after the final event, so the socket is reused', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('data: token\r\n\r\ndata: final\r\n\r\n');
    });
    const connections = new Set<number | undefined>();
    for (let call = 0; call < 3; call++) {
      const response = await openStream(server.url);
      const events: string[] = [];
      for await (const batch of readSseBatches(response.body, {
        ...generous,
        isFinal: (event) => event.data === 'final',
      })) {
        events.push(...batch.map((event) => event.data));
        if (batch.some((event) => event.data === 'final')) break;
      }
      expect(events).toEqual(['token', 'final']);
      connections.add(server.requests[call]?.remotePort);
    }
    expect(connections.size).toBe(1);
  });

  it('hands over the final event even when the server never ends the body', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: final\r\n\r\n');
    });
    const response = await openStream(server.url);
    const events = await collect(
      readSseBatches(response.body, { firstTokenMs: 5_000, idleMs: 50, isFinal: (event) => event.data === 'final' }),
    );
    expect(events.map((event) => event.data)).toEqual(['final']);
    await server.clientClosed(0);
  });

  it('does not take a slow consumer for a silent server', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\r\n\r\n');
      setTimeout(() => response.end('data: two\r\n\r\n'), 20);
    });
    const response = await openStream(server.url);
    const seen: string[] = [];
    for await (const batch of readSseBatches(response.body, { firstTokenMs: 5_000, idleMs: 60 })) {
      seen.push(...batch.map((event) => event.data));
      // Holding each batch longer than the idle timeout: the timer must wait for the consumer.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(seen).toEqual(['one', 'two']);
  });
});
