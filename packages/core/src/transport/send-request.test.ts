import { getEventListeners, once } from 'node:events';
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectionError } from '../errors/connection-error.js';
import { MissingAuthError } from '../errors/missing-auth-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ResponseStatusError } from '../errors/response-status-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import { readJsonBody } from './read-json-body.js';
import { sendRequest } from './send-request.js';
import { defaultTimeouts } from './timeouts.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function requestStatus(status: number, headers: Record<string, string> = {}, body = '') {
  server = await startTestServer((_request, response) => {
    response.writeHead(status, headers).end(body);
  });
  return sendRequest({
    url: new URL(`${server.url}/api/chat?secret=1`),
    method: 'POST',
    signal: new AbortController().signal,
    timeouts: defaultTimeouts,
    provider: 'Test',
  }).then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('sendRequest status mapping', () => {
  it.each([401, 403])('maps %i to MissingAuthError', async (status) => {
    const error = await requestStatus(status);
    expect(MissingAuthError.isInstance(error)).toBe(true);
    expect((error as MissingAuthError).status).toBe(status);
    expect((error as MissingAuthError).retryable).toBe(false);
  });

  it('maps 429 with Retry-After in seconds', async () => {
    const error = await requestStatus(429, { 'retry-after': '7' }, 'slow down');
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryAfterMs: 7000, retryable: true, bodyExcerpt: 'slow down', provider: 'Test' });
  });

  it('maps 429 with Retry-After as an HTTP date', async () => {
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    const error = (await requestStatus(429, { 'retry-after': inOneMinute })) as RateLimitError;
    expect(RateLimitError.isInstance(error)).toBe(true);
    // The date has one-second resolution, so allow the second that passed while building it.
    expect(error.retryAfterMs).toBeGreaterThan(58_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('maps 429 without Retry-After to an unknown wait', async () => {
    const error = (await requestStatus(429)) as RateLimitError;
    expect(error.retryAfterMs).toBeUndefined();
  });

  it.each([500, 502, 503, 504])('maps %i to a retryable status error with a body excerpt', async (status) => {
    const error = await requestStatus(status, {}, `{"detail":"down\nfor   maintenance"}`);
    expect(ResponseStatusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status, retryable: true, bodyExcerpt: '{"detail":"down for maintenance"}' });
    expect((error as Error).message).not.toContain('secret=1');
  });

  it.each([408, 409])('maps %i to a retryable status error', async (status) => {
    const error = await requestStatus(status, {}, 'try again');
    expect(ResponseStatusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status, retryable: true, bodyExcerpt: 'try again' });
    expect((error as Error).message).toContain('likely temporary');
  });

  it('reads retry-after-ms before Retry-After, as OpenAI sends both', async () => {
    const rateLimited = await requestStatus(429, { 'retry-after-ms': '1500', 'retry-after': '2' });
    expect(RateLimitError.isInstance(rateLimited)).toBe(true);
    expect(rateLimited).toMatchObject({ retryAfterMs: 1500 });
    await server?.close();
    const overloaded = await requestStatus(503, { 'retry-after-ms': '250.4', 'retry-after': '9' });
    expect(ResponseStatusError.isInstance(overloaded)).toBe(true);
    expect(overloaded).toMatchObject({ retryAfterMs: 250, retryable: true });
  });

  it('falls back to Retry-After when retry-after-ms is unreadable', async () => {
    const error = await requestStatus(429, { 'retry-after-ms': 'soon', 'retry-after': '3' });
    expect(error).toMatchObject({ retryAfterMs: 3000 });
  });

  it.each([400, 404, 410, 422])('maps %i to a non-retryable status error', async (status) => {
    const error = await requestStatus(status, {}, 'x'.repeat(1000));
    expect(ResponseStatusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status, retryable: false });
    expect((error as ResponseStatusError).bodyExcerpt.length).toBeLessThanOrEqual(201);
  });

  it('passes a 2xx response through with its body', async () => {
    server = await startTestServer((_request, response) => void response.end('hello'));
    const response = await sendRequest({
      url: new URL(server.url),
      method: 'GET',
      signal: new AbortController().signal,
      timeouts: defaultTimeouts,
    });
    expect(response.status).toBe(200);
    expect(await response.body.text()).toBe('hello');
  });
});

describe('sendRequest and the call signal', () => {
  it('listens to the signal while the body is open, and not after it closes', async () => {
    server = await startTestServer((_request, response) => void response.end('hello'));
    const { signal } = new AbortController();
    const response = await sendRequest({ url: new URL(server.url), method: 'GET', signal, timeouts: defaultTimeouts });
    expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    await response.body.text();
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('destroys an open body with the signal reason when the call aborts mid-stream, closing the socket', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
    });
    const controller = new AbortController();
    const response = await sendRequest({
      url: new URL(server.url),
      method: 'GET',
      signal: controller.signal,
      timeouts: defaultTimeouts,
      streaming: true,
    });
    const reason = new Error('stop');
    const reading = (async () => {
      for await (const chunk of response.body) if (String(chunk).includes('first')) controller.abort(reason);
    })();
    await expect(reading).rejects.toBe(reason);
    await server.clientClosed(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('leaves no listener behind when the request fails', async () => {
    const { signal } = new AbortController();
    await sendRequest({
      url: new URL('http://switchyard-test.invalid/'),
      method: 'GET',
      signal,
      timeouts: defaultTimeouts,
    }).catch(() => undefined);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});

describe('sendRequest failures before a response', () => {
  it('maps a refused connection to a retryable ConnectionError', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const address = closed.address();
    if (address === null || typeof address !== 'object') throw new Error('no port');
    closed.close();
    await once(closed, 'close');
    const error = await sendRequest({
      url: new URL(`http://127.0.0.1:${address.port}/`),
      method: 'GET',
      signal: new AbortController().signal,
      timeouts: defaultTimeouts,
      provider: 'Test',
    }).catch((caught: unknown) => caught);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ errorCode: 'ECONNREFUSED', retryable: true });
  });

  it('says a host name that does not resolve could not be resolved, naming the host', async () => {
    // .invalid never resolves (RFC 6761): ENOTFOUND, or EAI_AGAIN where no DNS server answers.
    const error = await sendRequest({
      url: new URL('http://switchyard-test.invalid/v1/chat/completions'),
      method: 'GET',
      signal: new AbortController().signal,
      timeouts: defaultTimeouts,
      provider: 'Test',
    }).catch((caught: unknown) => caught);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /could not resolve host switchyard-test\.invalid, (ENOTFOUND|EAI_AGAIN, a temporary DNS failure)/,
    );
  });

  it('raises a headers timeout when the server never answers', async () => {
    server = await startTestServer(() => {
      // Never answer: the client's headers timer has to fire.
    });
    const error = await sendRequest({
      url: new URL(server.url),
      method: 'GET',
      signal: new AbortController().signal,
      timeouts: { ...defaultTimeouts, headersMs: 50 },
    }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ phase: 'headers', timeoutMs: 50 });
    await server.clientClosed(0);
  });

  it('rejects with the signal reason when aborted before the response', async () => {
    server = await startTestServer(() => {});
    const controller = new AbortController();
    const pending = sendRequest({
      url: new URL(server.url),
      method: 'GET',
      signal: controller.signal,
      timeouts: defaultTimeouts,
    });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await server.clientClosed(0);
  });

  it('cuts an error body that never ends instead of waiting on it', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.write('overloaded, and this body never ends');
    });
    const error = await sendRequest({
      url: new URL(server.url),
      method: 'POST',
      signal: new AbortController().signal,
      timeouts: { ...defaultTimeouts, idleMs: 50 },
      streaming: true,
    }).catch((caught: unknown) => caught);
    expect(ResponseStatusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, bodyExcerpt: 'overloaded, and this body never ends' });
    await server.clientClosed(0);
  });
});

describe('readJsonBody', () => {
  it('turns a JSON body that stalls into an idle timeout', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id": ');
    });
    const response = await sendRequest({
      url: new URL(server.url),
      method: 'GET',
      signal: new AbortController().signal,
      timeouts: { ...defaultTimeouts, idleMs: 50 },
    });
    const error = await readJsonBody(response, z.object({ id: z.string() }), {
      provider: 'Test',
      what: 'the chat',
      timeouts: { ...defaultTimeouts, idleMs: 50 },
    }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ phase: 'idle', timeoutMs: 50 });
  });

  it('turns a body that is not JSON, or of the wrong shape, into a protocol error', async () => {
    server = await startTestServer((request, response) => {
      response.end(request.url === '/shape' ? '{"id": 5}' : '<html>');
    });
    for (const path of ['/html', '/shape']) {
      const response = await sendRequest({
        url: new URL(`${server.url}${path}`),
        method: 'GET',
        signal: new AbortController().signal,
        timeouts: defaultTimeouts,
      });
      const error = await readJsonBody(response, z.object({ id: z.string() }), {
        provider: 'Test',
        what: 'the chat',
      }).catch((caught: unknown) => caught);
      expect(ProtocolError.isInstance(error), path).toBe(true);
    }
  });
});
