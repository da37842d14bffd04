import { once } from 'node:events';
import { connect } from 'node:net';
import { closeDispatchers } from '@switchyard/core';
import { holdGate } from '@switchyard/testing';
import { request } from 'undici';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { postChatCompletion, readAnswer } from './test-support/gateway-client.js';
import { type GatewayFixture, gatewayKey, startGatewayFixture } from './test-support/gateway-fixture.js';

let fixture: GatewayFixture;

beforeEach(async () => {
  fixture = await startGatewayFixture();
});
afterEach(() => fixture.close());
afterAll(() => closeDispatchers());

const messages = [{ role: 'user', content: 'Hello?' }];
const post = (body: unknown) => postChatCompletion(fixture.baseURL, body, { key: gatewayKey });

/** Opens a stream and resolves once its first content chunk has arrived, with a way to hang up. */
async function openStream(model: string) {
  const controller = new AbortController();
  const response = await request(`${fixture.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${gatewayKey}` },
    body: JSON.stringify({ model, messages, stream: true }),
    signal: controller.signal,
  });
  expect(response.statusCode).toBe(200);
  const reader = response.body[Symbol.asyncIterator]();
  let received = '';
  while (!received.includes('"content":"')) {
    const { value, done } = await reader.next();
    if (done) throw new Error(`the stream ended before its first content: ${received}`);
    received += String(value);
  }
  return { headers: response.headers, received, hangUp: () => controller.abort() };
}

describe('fallback behind the gateway', () => {
  it('serves from the second provider when the first is dead, and says so', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Second', ' serves'] });
    const answer = await post({ model: 'default', messages, stream: true });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-switchyard-provider']).toBe('LocalOpenAI');
    expect(answer.headers['x-switchyard-attempts']).toBe('2');
    expect(answer.text).toBe('Second serves');
    expect(answer.done).toBe(true);
  });

  it('answers without streaming from the second provider too', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Whole'] });
    const answer = await post({ model: 'default', messages });
    expect(answer.headers['x-switchyard-provider']).toBe('LocalOpenAI');
    expect(answer.headers['x-switchyard-attempts']).toBe('2');
    expect(JSON.parse(answer.body).choices[0].message.content).toBe('Whole');
  });
});

describe('a failure after the first chunk', () => {
  for (const end of [{ kind: 'drop' }, { kind: 'close' }, { kind: 'malformed' }] as const) {
    it(`ends in an error event and no [DONE] when upstream ends with ${end.kind}`, async () => {
      // Paced, so the first token is read (and committed to) before the ending arrives.
      fixture.openAI.enqueueReply({ tokens: ['Cut', ' off'], tokenDelayMs: 20, end });
      const answer = await post({ model: 'LocalOpenAI/gpt-4o-mini', messages, stream: true });
      expect(answer.status).toBe(200);
      expect(answer.text).toMatch(/^Cut/);
      expect(answer.done).toBe(false);
      expect(answer.events.at(-1)).toMatchObject({ error: { type: 'server_error', param: null } });
    });
  }

  it('passes an upstream error event on as an error event', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Some'], end: { kind: 'error', message: 'the model crashed' } });
    const answer = await post({ model: 'LocalOpenAI/gpt-4o-mini', messages, stream: true });
    expect(answer.done).toBe(false);
    expect(answer.events.at(-1)).toMatchObject({ error: { code: 'stream_interrupted' } });
    expect(JSON.stringify(answer.events.at(-1))).toContain('the model crashed');
  });
});

describe('a client that goes away', () => {
  it('cancels Open Assistant upstream: its chat is deleted and no stream is left', async () => {
    const gate = holdGate();
    fixture.openAssistant.enqueueReply({
      tokens: ['One', ' two', ' three'],
      holdAfterToken: { index: 0, until: gate.held },
    });
    const stream = await openStream('OpenAssistant/_lorem');
    expect(stream.headers['x-switchyard-provider']).toBe('OpenAssistant');
    expect(fixture.openAssistant.liveChats()).toHaveLength(1);
    const leftAt = performance.now();
    stream.hangUp();
    await vi.waitFor(() => expect(fixture.openAssistant.liveChats()).toHaveLength(0), { timeout: 10_000, interval: 5 });
    console.info(`chat deleted ${(performance.now() - leftAt).toFixed(1)} ms after the client left`);
    await vi.waitFor(() => expect(fixture.openAssistant.openStreams()).toBe(0), { timeout: 10_000 });
    await vi.waitFor(() => expect(fixture.gateway.openRequests()).toBe(0), { timeout: 10_000 });
    gate.release();
  });

  it('cancels a completion that is not streamed, too', async () => {
    const gate = holdGate();
    fixture.openAssistant.enqueueReply({ tokens: ['One', ' two'], holdAfterToken: { index: 0, until: gate.held } });
    const controller = new AbortController();
    const pending = postChatCompletion(
      fixture.baseURL,
      { model: 'OpenAssistant/_lorem', messages },
      { key: gatewayKey, signal: controller.signal },
    ).catch((error: unknown) => error);
    await vi.waitFor(() => expect(fixture.openAssistant.liveChats()).toHaveLength(1), { timeout: 10_000 });
    await vi.waitFor(() => expect(fixture.openAssistant.openStreams()).toBe(1), { timeout: 10_000 });
    controller.abort();
    await pending;
    await vi.waitFor(() => expect(fixture.openAssistant.liveChats()).toHaveLength(0), { timeout: 10_000, interval: 5 });
    await vi.waitFor(() => expect(fixture.gateway.openRequests()).toBe(0), { timeout: 10_000 });
    gate.release();
  });

  it('closes the OpenAI-compatible upstream stream', async () => {
    const gate = holdGate();
    fixture.openAI.enqueueReply({ tokens: ['One', ' two'], holdAfterToken: { index: 0, until: gate.held } });
    const stream = await openStream('LocalOpenAI/gpt-4o-mini');
    expect(fixture.openAI.openStreams()).toBe(1);
    stream.hangUp();
    await vi.waitFor(() => expect(fixture.openAI.openStreams()).toBe(0), { timeout: 10_000 });
    await vi.waitFor(() => expect(fixture.gateway.openRequests()).toBe(0), { timeout: 10_000 });
    gate.release();
  });
});

describe('graceful shutdown', () => {
  it('lets short streams finish, cancels long ones at the deadline with an error event, and leaves nothing upstream', async () => {
    const gate = holdGate();
    fixture.openAI.enqueueReply({ tokens: ['Long', ' answer'], holdAfterToken: { index: 0, until: gate.held } });
    fixture.openAssistant.enqueueReply({ tokens: ['Also', ' long'], holdAfterToken: { index: 0, until: gate.held } });
    const long = await Promise.all([openStream('LocalOpenAI/gpt-4o-mini'), openStream('OpenAssistant/_lorem')]);
    const closed = fixture.gateway.close({ graceMs: 200 });
    // A new connection is refused once shutdown has begun.
    await expect(post({ model: 'default', messages })).rejects.toThrow();
    await closed;
    expect(fixture.openAI.openStreams()).toBe(0);
    expect(fixture.openAssistant.liveChats()).toHaveLength(0);
    for (const stream of long) expect(stream.received).toContain('"content"');
    gate.release();
  });

  it('does not wait on a client still sending its request, and tells it 503', async () => {
    const socket = connect(fixture.gateway.port, '127.0.0.1');
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${gatewayKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"model":`,
    );
    await vi.waitFor(() => expect(fixture.gateway.openRequests()).toBe(1), { timeout: 10_000 });
    await fixture.gateway.close({ graceMs: 50 });
    await vi.waitFor(() => expect(answer).toMatch(/^HTTP\/1\.1 503/), { timeout: 10_000 });
    expect(answer).toContain('server_shutting_down');
    socket.destroy();
  });

  it('ends a cancelled stream with the shutdown error event', async () => {
    const gate = holdGate();
    fixture.openAI.enqueueReply({ tokens: ['Long'], holdAfterToken: { index: 0, until: gate.held } });
    const response = await request(`${fixture.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gatewayKey}` },
      body: JSON.stringify({ model: 'LocalOpenAI/gpt-4o-mini', messages, stream: true }),
    });
    const body = response.body.text();
    await vi.waitFor(() => expect(fixture.openAI.openStreams()).toBe(1), { timeout: 10_000 });
    await fixture.gateway.close({ graceMs: 50 });
    const answer = readAnswer(response.statusCode, response.headers, await body);
    expect(answer.done).toBe(false);
    expect(answer.events.at(-1)).toMatchObject({ error: { code: 'server_shutting_down' } });
    gate.release();
  });
});
