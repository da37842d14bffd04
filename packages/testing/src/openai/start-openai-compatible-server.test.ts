import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../conformance/closed-port.js';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from './start-openai-compatible-server.js';

let server: OpenAICompatibleServer;
afterEach(async () => {
  await server.close();
});

type Json = Record<string, unknown>;

const hello = [{ role: 'user', content: 'Hi' }];

function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(server.apiKey === undefined ? {} : { authorization: `Bearer ${server.apiKey}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? null : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
}

function complete(body: Json, signal?: AbortSignal) {
  return fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(server.apiKey === undefined ? {} : { authorization: `Bearer ${server.apiKey}` }),
    },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: hello, ...body }),
    signal: signal ?? null,
  });
}

/** The SSE body's events, split on the blank line that ends each; the last element is what followed the last. */
function framesOf(wire: string): string[] {
  return wire.split('\n\n');
}

function chunkOf(frame: string | undefined): Json & { choices: Json[] } {
  expect(frame?.startsWith('data: ')).toBe(true);
  return JSON.parse(frame?.slice('data: '.length) ?? '') as Json & { choices: Json[] };
}

/** Reads until `done` holds for the text so far, or the body ends or fails. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  done: (text: string) => boolean,
  text = '',
): Promise<string> {
  const decoder = new TextDecoder();
  let read = text;
  while (!done(read)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    read += decoder.decode(value, { stream: true });
  }
  return read;
}

async function untilNoOpenStreams(): Promise<void> {
  while (server.openStreams() > 0) await delay(5);
}

describe('the OpenAI-compatible emulator', () => {
  it('listens on the port it is given', async () => {
    const port = await closedPort();
    server = await startOpenAICompatibleServer({ port });
    expect(server.url).toBe(`http://127.0.0.1:${port}/v1`);
    expect((await call('/models')).status).toBe(200);
  });

  it('answers 401 in OpenAI’s shape without the key, and never echoes a whole key', async () => {
    server = await startOpenAICompatibleServer({ apiKey: 'sk-emulator-secret-key-1234' });
    const missing = await call('/models', { headers: { authorization: '' } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/json');
    expect(await missing.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: null, code: null },
    });

    const wrongKey = 'sk-someone-elses-key-wxyz';
    const wrong = await call('/chat/completions', {
      body: { model: 'gpt-4o-mini', messages: hello },
      headers: { authorization: `Bearer ${wrongKey}` },
    });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        message:
          'Incorrect API key provided: sk-******************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    expect(text).not.toContain(wrongKey);
    expect(text).not.toContain('sk-emulator-secret-key-1234');

    const short = await call('/models', { headers: { authorization: 'Bearer abcd' } });
    expect(await short.text()).not.toContain('abcd');
    expect((await call('/models')).status).toBe(200);
  });

  it('asks for no key when none is configured', async () => {
    server = await startOpenAICompatibleServer();
    expect(server.apiKey).toBeUndefined();
    expect((await complete({})).status).toBe(200);
  });

  it('validates the body with OpenAI’s statuses and error shapes', async () => {
    server = await startOpenAICompatibleServer();
    const invalid = await call('/chat/completions', { body: '{"model": ' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { message: expect.stringMatching(/^We could not parse the JSON body/), type: 'invalid_request_error' },
    });

    const noModel = await call('/chat/completions', { body: { messages: hello } });
    expect(noModel.status).toBe(400);
    expect(await noModel.json()).toEqual({
      error: { message: 'you must provide a model parameter', type: 'invalid_request_error', param: null, code: null },
    });

    const badMessages: Array<[unknown, string, string]> = [
      [undefined, 'messages', 'missing_required_parameter'],
      ['Hi', 'messages', 'invalid_type'],
      [[], 'messages', 'empty_array'],
      [[{ content: 'Hi' }], 'messages[0].role', 'missing_required_parameter'],
      [[{ role: 'user', content: 'Hi' }, { role: 'user' }], 'messages[1].content', 'missing_required_parameter'],
      [[{ role: 'user', content: 42 }], 'messages[0].content', 'invalid_type'],
    ];
    for (const [messages, param, code] of badMessages) {
      const response = await call('/chat/completions', { body: { model: 'gpt-4o-mini', messages } });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: Json };
      expect(body.error).toMatchObject({ type: 'invalid_request_error', param, code });
      expect(body.error.message).toContain(param);
    }

    const unknown = await call('/chat/completions', { body: { model: 'gpt-5-turbo', messages: hello } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: {
        message: 'The model `gpt-5-turbo` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      },
    });
  });

  it('streams the role chunk, a chunk per token, the finish chunk and [DONE], LF-separated compact JSON', async () => {
    server = await startOpenAICompatibleServer({ models: ['llama3.1:8b'] });
    server.enqueueReply({ tokens: ['Hé', 'llo 👋', ': "quoted"\n'] });
    const response = await complete({ model: 'llama3.1:8b', stream: true, temperature: 0.2, max_tokens: 10 });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const wire = await response.text();
    expect(wire).not.toContain('\r');
    const frames = framesOf(wire);
    expect(frames).toHaveLength(7);

    const first = chunkOf(frames[0]);
    expect(first.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(Math.abs(Number(first.created) - Date.now() / 1000)).toBeLessThan(5);
    expect(frames[0]).toBe(
      `data: {"id":"${first.id}","object":"chat.completion.chunk","created":${first.created},"model":"llama3.1:8b","system_fingerprint":null,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`,
    );
    for (const [offset, token] of ['Hé', 'llo 👋', ': "quoted"\n'].entries()) {
      const frame = frames[offset + 1];
      expect(frame).toBe(
        frames[0]?.replace('{"role":"assistant","content":""}', `{"content":${JSON.stringify(token)}}`),
      );
    }
    expect(chunkOf(frames[4])).toEqual({
      ...first,
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }],
    });
    expect(frames[4]?.slice('data: '.length)).not.toMatch(/[:,] /);
    expect(frames.slice(5)).toEqual(['data: [DONE]', '']);
    expect(server.requests.at(-1)?.json).toMatchObject({ temperature: 0.2, max_tokens: 10, stream: true });
  });

  it('sends the role chunk even when there are no tokens, and the scripted finish reason', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: [], finishReason: 'length' });
    const frames = framesOf(await (await complete({ stream: true })).text());
    expect(chunkOf(frames[0]).choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunkOf(frames[1]).choices[0]).toMatchObject({ delta: {}, finish_reason: 'length' });
    expect(frames.slice(2)).toEqual(['data: [DONE]', '']);
  });

  it('adds usage when the request asks for it in stream_options', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: ['a', 'b'] });
    const frames = framesOf(await (await complete({ stream: true, stream_options: { include_usage: true } })).text());
    for (const frame of frames.slice(0, 4)) expect(chunkOf(frame).usage).toBeNull();
    const usage = chunkOf(frames[4]);
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
    expect(frames.slice(5)).toEqual(['data: [DONE]', '']);
  });

  it('streams a long reply whole in coalesced writes', async () => {
    server = await startOpenAICompatibleServer();
    const tokens = Array.from({ length: 5000 }, (_, index) => ` t${index}`);
    server.enqueueReply({ tokens });
    const frames = framesOf(await (await complete({ stream: true })).text());
    const text = frames
      .slice(1, -3)
      .map((frame) => chunkOf(frame).choices[0]?.delta as { content: string })
      .map((delta) => delta.content)
      .join('');
    expect(text).toBe(tokens.join(''));
  });

  it('answers a non-streaming request with a chat.completion object', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: ['Hello', ' there'], tokenDelayMs: 1 });
    const response = await complete({ stream: false });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as Json;
    expect(body).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello there' },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
  });

  it('answers with lorem ipsum by default', async () => {
    server = await startOpenAICompatibleServer();
    const body = (await (await complete({})).json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]?.message.content).toMatch(/^Lorem ipsum/);
  });

  it('ends with an error event and no [DONE]', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: ['so far'], end: { kind: 'error', message: 'the model worker crashed' } });
    const frames = framesOf(await (await complete({ stream: true })).text());
    expect(frames.slice(2)).toEqual([
      'data: {"error":{"message":"the model worker crashed","type":"server_error","param":null,"code":null}}',
      '',
    ]);
    server.enqueueReply({ end: { kind: 'error', message: 'busy', type: 'overloaded_error', code: 'overloaded' } });
    const custom = framesOf(await (await complete({ stream: true })).text());
    expect(custom[1]).toBe(
      'data: {"error":{"message":"busy","type":"overloaded_error","param":null,"code":"overloaded"}}',
    );
  });

  it('drops the connection after delivering what came before', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: ['half', ' an answer'], end: { kind: 'drop' } });
    const reader = (await complete({ stream: true })).body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    await expect(
      (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
        }
      })(),
    ).rejects.toThrow();
    expect(text).toContain('"content":" an answer"');
    expect(text).not.toContain('finish_reason":"stop"');
    await untilNoOpenStreams();
  });

  it('closes the body with neither finish chunk nor [DONE]', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: ['cut'], end: { kind: 'close' } });
    const frames = framesOf(await (await complete({ stream: true })).text());
    expect(frames).toHaveLength(3);
    expect(chunkOf(frames[1]).choices[0]).toMatchObject({ delta: { content: 'cut' }, finish_reason: null });
    expect(frames[2]).toBe('');
  });

  it('sends a data line that is not JSON, by default or as scripted', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: ['ok'], end: { kind: 'malformed' } });
    const frames = framesOf(await (await complete({ stream: true })).text());
    expect(frames).toHaveLength(4);
    expect(frames[2]?.startsWith('data: ')).toBe(true);
    expect(() => JSON.parse(frames[2]?.slice('data: '.length) ?? '')).toThrow();
    server.enqueueReply({ end: { kind: 'malformed', line: '<html>' } });
    expect(framesOf(await (await complete({ stream: true })).text())[1]).toBe('data: <html>');
  });

  it('holds after the scripted token until released, having flushed it', async () => {
    server = await startOpenAICompatibleServer();
    let release = (): void => {};
    const until = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.enqueueReply({ tokens: ['first', ' second', ' third'], holdAfterToken: { index: 0, until } });
    const reader = (await complete({ stream: true })).body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = await readUntil(reader, (read) => read.includes('"content":"first"'));
    const next = reader.read();
    expect(await Promise.race([next.then(() => 'more'), delay(50).then(() => 'held')])).toBe('held');
    release();
    const { value } = await next;
    text = await readUntil(reader, (read) => read.endsWith('data: [DONE]\n\n'), text + decoder.decode(value));
    expect(text).toContain('"content":" third"');
  });

  it('keeps a stall open and silent until the client aborts, leaving no stream behind', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: [], end: { kind: 'stall' } });
    const controller = new AbortController();
    const reader = (await complete({ stream: true }, controller.signal)).body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const text = await readUntil(reader, (read) => read.includes('\n\n'));
    expect(text).toContain('"role":"assistant"');
    expect(server.openStreams()).toBe(1);
    const next = reader.read();
    expect(await Promise.race([next.then(() => 'more'), delay(50).then(() => 'silent')])).toBe('silent');
    controller.abort();
    await expect(next).rejects.toThrow();
    await untilNoOpenStreams();
  });

  it('aborts a stall mid-stream when the server closes', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: ['a'], end: { kind: 'stall' } });
    const reader = (await complete({ stream: true })).body?.getReader();
    if (reader === undefined) throw new Error('no body');
    await readUntil(reader, (read) => read.includes('"content":"a"'));
    expect(server.openStreams()).toBe(1);
    await server.close();
    expect(server.openStreams()).toBe(0);
    await expect(readUntil(reader, () => false)).rejects.toThrow();
  });

  it('injects a status with headers before authentication, once by default or `times` times', async () => {
    server = await startOpenAICompatibleServer({ apiKey: 'sk-fault-test-key' });
    server.failNext('chat_completions', {
      status: 429,
      headers: { 'retry-after': '7', 'content-type': 'application/json' },
      body: '{"error":{"message":"slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}}',
    });
    const limited = await call('/chat/completions', { body: {}, headers: { authorization: '' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toMatchObject({ error: { message: 'slow down' } });
    expect((await complete({})).status).toBe(200);

    server.failNext('models', { status: 503, times: 2 });
    expect((await call('/models')).status).toBe(503);
    expect((await call('/models')).status).toBe(503);
    expect((await call('/models')).status).toBe(200);
  });

  it('never answers a stalled request until the client gives up', async () => {
    server = await startOpenAICompatibleServer();
    server.failNext('chat_completions', { stall: true });
    const controller = new AbortController();
    const pending = complete({}, controller.signal);
    expect(await Promise.race([pending.then(() => 'answered'), delay(50).then(() => 'stalled')])).toBe('stalled');
    // Held unanswered, the request counts as open until its client lets go.
    while (server.openStreams() === 0) await delay(5);
    expect(server.openStreams()).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    while (server.openStreams() > 0) await delay(5);
    expect((await complete({})).status).toBe(200);
  });

  it('answers a non-streaming error ending with a 500 error body', async () => {
    server = await startOpenAICompatibleServer();
    server.enqueueReply({ tokens: ['x'], end: { kind: 'error', message: 'boom' } });
    const response = await complete({});
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { message: 'boom', type: 'server_error', param: null, code: null },
    });
  });

  it('lists its models', async () => {
    server = await startOpenAICompatibleServer({ apiKey: 'sk-list-key', models: ['a', 'b:7b'] });
    expect((await call('/models', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const response = await call('/models');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; data: Json[] };
    expect(body).toEqual({
      object: 'list',
      data: [
        { id: 'a', object: 'model', created: expect.any(Number), owned_by: 'switchyard-emulator' },
        { id: 'b:7b', object: 'model', created: expect.any(Number), owned_by: 'switchyard-emulator' },
      ],
    });
  });

  it('answers anything else with 404 in OpenAI’s shape, and records every request', async () => {
    server = await startOpenAICompatibleServer();
    expect(server.url).toBe(`${server.origin}/v1`);
    const response = await fetch(`${server.origin}/v1/completions?x=1`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { message: 'Invalid URL (POST /v1/completions)', type: 'invalid_request_error', param: null, code: null },
    });
    expect((await call('/chat/completions')).status).toBe(404);
    expect(server.requests.map((request) => [request.method, request.path])).toEqual([
      ['POST', '/v1/completions'],
      ['GET', '/v1/chat/completions'],
    ]);
    expect(server.requests[0]?.query).toEqual({ x: '1' });
    expect(server.connectionsAccepted()).toBeGreaterThan(0);
  });
});
