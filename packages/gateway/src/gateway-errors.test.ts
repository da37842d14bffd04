import { once } from 'node:events';
import { connect } from 'node:net';
import { closeDispatchers } from '@switchyard/core';
import { holdGate } from '@switchyard/testing';
import { request } from 'undici';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { postChatCompletion } from './test-support/gateway-client.js';
import {
  type GatewayFixture,
  type GatewayFixtureOptions,
  gatewayKey,
  startGatewayFixture,
  upstreamKey,
} from './test-support/gateway-fixture.js';

let fixture: GatewayFixture | undefined;

async function start(options: GatewayFixtureOptions = {}): Promise<GatewayFixture> {
  fixture = await startGatewayFixture(options);
  return fixture;
}

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});
afterAll(() => closeDispatchers());

const messages = [{ role: 'user', content: 'Hello?' }];
/** `key: null` sends no Authorization header. */
const post = (current: GatewayFixture, body: unknown, key: string | null = gatewayKey) =>
  postChatCompletion(current.baseURL, body, { key: key ?? undefined });
const errorOf = (body: string) => JSON.parse(body).error;

describe('400: the request names what is wrong', () => {
  const cases: ReadonlyArray<[string, Record<string, unknown>, string]> = [
    ['tools', { tools: [{ type: 'function', function: { name: 'f' } }] }, 'tools'],
    ['n > 1', { n: 2 }, 'n'],
    [
      'an image',
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'see' },
              { type: 'image_url', image_url: { url: 'x' } },
            ],
          },
        ],
      },
      'messages[0].content[1].type',
    ],
    ['a tool message', { messages: [{ role: 'tool', content: 'x', tool_call_id: '1' }] }, 'messages[0].role'],
    ['a temperature out of range', { temperature: 3 }, 'temperature'],
    ['a top_p of the wrong type', { top_p: 'high' }, 'top_p'],
    ['a fractional max_tokens', { max_tokens: 1.5 }, 'max_tokens'],
    ['an empty stop sequence', { stop: [''] }, 'stop'],
    ['stream_options without stream', { stream_options: { include_usage: true } }, 'stream_options'],
    ['an unknown field', { frobnicate: true }, 'frobnicate'],
    ['a non-zero penalty', { presence_penalty: 0.5 }, 'presence_penalty'],
    ['no messages', { messages: [] }, 'messages'],
    ['no model', { model: undefined }, 'model'],
  ];
  for (const [what, change, param] of cases) {
    it(`rejects ${what} with param ${param}`, async () => {
      const current = fixture ?? (await start());
      const answer = await post(current, { model: 'default', messages, ...change });
      expect(answer.status).toBe(400);
      expect(errorOf(answer.body)).toMatchObject({ type: 'invalid_request_error', param });
      expect(current.openAI.requests).toHaveLength(0);
    });
  }

  it('accepts what SDKs send by default, and maps the settings onto the request', async () => {
    const current = await start();
    const answer = await post(current, {
      model: 'LocalOpenAI/gpt-4o-mini',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }], name: 'ann' },
      ],
      n: 1,
      presence_penalty: 0,
      frequency_penalty: null,
      logprobs: false,
      user: 'someone',
      temperature: 0.5,
      top_p: 0.9,
      max_completion_tokens: 20,
      stop: 'END',
      seed: 7,
    });
    expect(answer.status).toBe(200);
    const sent = JSON.parse(current.openAI.requests.at(-1)?.body ?? '{}');
    expect(sent).toMatchObject({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 0.5,
      top_p: 0.9,
      max_tokens: 20,
      stop: ['END'],
      seed: 7,
    });
  });

  it('rejects a body that is not JSON', async () => {
    const current = await start();
    const answer = await post(current, '{"model": "default", ');
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).code).toBe('invalid_json');
  });
});

describe('limits', () => {
  it('refuses a body over maxBodyBytes with 413, and more messages than maxMessages with 400', async () => {
    const current = await start({ limits: { maxBodyBytes: 1_000, maxMessages: 2 } });
    const big = await post(current, { model: 'default', messages: [{ role: 'user', content: 'x'.repeat(2_000) }] });
    expect(big.status).toBe(413);
    const many = await post(current, { model: 'default', messages: [...messages, ...messages, ...messages] });
    expect(many.status).toBe(400);
    expect(errorOf(many.body).param).toBe('messages');
  });

  it('reads a body that comes with its headers or after them, chunked or not, and refuses one too large either way', async () => {
    const current = await start({ limits: { maxBodyBytes: 1_000 } });
    const small = JSON.stringify({ model: 'LocalOpenAI/gpt-4o-mini', messages });
    const large = JSON.stringify({
      model: 'LocalOpenAI/gpt-4o-mini',
      messages: [{ role: 'user', content: 'x'.repeat(2_000) }],
    });
    const chunked = (body: string) => `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const head = (framing: string) =>
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${gatewayKey}\r\nContent-Type: application/json\r\nConnection: close\r\n${framing}\r\n`;
    const send = async (writes: readonly string[]) => {
      const socket = connect(current.gateway.port, '127.0.0.1');
      await once(socket, 'connect');
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
      });
      for (const [index, text] of writes.entries()) {
        if (index > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        socket.write(text);
      }
      await once(socket, 'close');
      return answer;
    };
    for (let round = 0; round < 4; round++) current.openAI.enqueueReply({ tokens: ['Read'] });
    const served = [
      await send([`${head(`Content-Length: ${small.length}\r\n`)}${small}`]),
      await send([head(`Content-Length: ${small.length}\r\n`), small.slice(0, 10), small.slice(10)]),
      await send([`${head('Transfer-Encoding: chunked\r\n')}${chunked(small)}`]),
      await send([head('Transfer-Encoding: chunked\r\n'), chunked(small)]),
    ];
    for (const answer of served) expect(answer).toMatch(/^HTTP\/1\.1 200[\s\S]*"content":"Read"/);
    const refused = [
      await send([`${head('Transfer-Encoding: chunked\r\n')}${chunked(large)}`]),
      await send([head('Transfer-Encoding: chunked\r\n'), chunked(large)]),
    ];
    for (const answer of refused) expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });

  it('answers 429 past maxConcurrentRequests instead of queueing, and admits again once one ends', async () => {
    const current = await start({ limits: { maxConcurrentRequests: 2 } });
    const gate = holdGate();
    for (let index = 0; index < 2; index++) {
      current.openAI.enqueueReply({ tokens: ['a', 'b'], holdAfterToken: { index: 0, until: gate.held } });
    }
    const held = [0, 1].map(() => post(current, { model: 'LocalOpenAI/gpt-4o-mini', messages, stream: true }));
    await vi.waitFor(() => expect(current.openAI.openStreams()).toBe(2), { timeout: 10_000 });
    const refused = await post(current, { model: 'LocalOpenAI/gpt-4o-mini', messages });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    gate.release();
    for (const answer of await Promise.all(held)) expect(answer.text).toBe('ab');
    expect((await post(current, { model: 'LocalOpenAI/gpt-4o-mini', messages })).status).toBe(200);
  });
});

describe('the server’s own timeouts', () => {
  it('cut a client that never finishes sending its request', { timeout: 30_000 }, async () => {
    const current = await start({ limits: { requestTimeoutMs: 300, headersTimeoutMs: 300 } });
    const socket = connect(current.gateway.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${gatewayKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"model":`,
    );
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(current.openAI.requests).toHaveLength(0);
  });

  it('never cut an answer that streams for longer than they allow', { timeout: 30_000 }, async () => {
    const current = await start({ limits: { requestTimeoutMs: 300, headersTimeoutMs: 300, keepAliveTimeoutMs: 300 } });
    current.openAI.enqueueReply({ tokens: Array.from({ length: 12 }, (_, index) => `t${index} `), tokenDelayMs: 100 });
    const answer = await post(current, { model: 'LocalOpenAI/gpt-4o-mini', messages, stream: true });
    expect(answer.done).toBe(true);
    expect(answer.text.split(' ')).toHaveLength(13);
  });
});

describe('routing', () => {
  it('sends a bare model name to the first provider that lists it, and 404s one nobody lists', async () => {
    const current = await start();
    current.openAI.enqueueReply({ tokens: ['Bare'] });
    const bare = await post(current, { model: 'llama3.1:8b', messages });
    expect(bare.headers['x-switchyard-provider']).toBe('LocalOpenAI');
    expect(JSON.parse(current.openAI.requests.at(-1)?.body ?? '{}').model).toBe('llama3.1:8b');
    const unknown = await post(current, { model: 'gpt-17', messages });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.body)).toMatchObject({ param: 'model', code: 'model_not_found' });
  });

  it('404s a model the named provider does not serve, before asking it', async () => {
    const current = await start();
    const answer = await post(current, { model: 'LocalOpenAI/not-a-model', messages });
    expect(answer.status).toBe(404);
    expect(current.openAI.requests).toHaveLength(0);
  });
});

describe('failures before the first chunk', () => {
  it('502 when every provider failed, with the attempts and no secret', async () => {
    const current = await start();
    current.openAI.failNext('chat_completions', { status: 500, body: `{"error":{"message":"boom ${upstreamKey}"}}` });
    const answer = await post(current, { model: 'default', messages, stream: true });
    expect(answer.status).toBe(502);
    const error = errorOf(answer.body);
    expect(error.code).toBe('all_providers_failed');
    expect(
      error.attempts.map((attempt: { provider: string; outcome: string }) => [attempt.provider, attempt.outcome]),
    ).toEqual([
      ['Dead', 'failed'],
      ['LocalOpenAI', 'failed'],
    ]);
    expect(answer.body).not.toContain(upstreamKey);
    expect(answer.body).not.toContain(gatewayKey);
  });

  it('504 when the provider timed out', async () => {
    const current = await start();
    current.openAI.failNext('chat_completions', { stall: true });
    const answer = await post(current, { model: 'Impatient/gpt-4o-mini', messages, stream: true });
    expect(answer.status).toBe(504);
    expect(errorOf(answer.body).code).toBe('timeout');
  });

  it('429 with the smallest Retry-After when every candidate is rate limited now', async () => {
    const current = await start({ chains: { both: ['LocalOpenAI', 'Impatient'] } });
    current.openAI.failNext('chat_completions', { status: 429, headers: { 'retry-after': '30' } });
    current.openAI.failNext('chat_completions', { status: 429, headers: { 'retry-after': '12' } });
    const answer = await post(current, { model: 'both', messages, stream: true });
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('12');
    expect(errorOf(answer.body).code).toBe('rate_limit_exceeded');
  });

  it('429 with the time until the breaker lets it try again, when it opened on rate limits', async () => {
    const current = await start({ healthPolicy: { failureThreshold: 1, cooldownMs: 45_000 } });
    current.openAI.failNext('chat_completions', { status: 429, headers: { 'retry-after': '2' } });
    const first = await post(current, { model: 'LocalOpenAI/gpt-4o-mini', messages });
    expect([first.status, first.headers['retry-after']]).toEqual([429, '2']);
    // The breaker is open now: the provider is skipped without a request.
    const requestsBefore = current.openAI.requests.length;
    const second = await post(current, { model: 'LocalOpenAI/gpt-4o-mini', messages });
    expect(second.status).toBe(429);
    // The breaker's 45 s cooldown, not the upstream's 2 s (with room for a slow machine).
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(10);
    expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(45);
    expect(current.openAI.requests.length).toBe(requestsBefore);
  });

  it('502, not 429, when a breaker opened on an outage', async () => {
    const current = await start({ healthPolicy: { failureThreshold: 1, cooldownMs: 45_000 } });
    current.openAI.failNext('chat_completions', { status: 500 });
    expect((await post(current, { model: 'LocalOpenAI/gpt-4o-mini', messages })).status).toBe(502);
    const skipped = await post(current, { model: 'LocalOpenAI/gpt-4o-mini', messages });
    expect(skipped.status).toBe(502);
    expect(errorOf(skipped.body).attempts[0]).toMatchObject({ outcome: 'skipped' });
  });
});

describe('client keys', () => {
  it('401 for a missing or wrong key, without echoing it', async () => {
    const current = await start();
    const missing = await post(current, { model: 'default', messages }, null);
    expect([missing.status, errorOf(missing.body).code]).toEqual([401, 'missing_api_key']);
    const wrong = await post(current, { model: 'default', messages }, 'sk-not-the-key-4242');
    expect([wrong.status, errorOf(wrong.body).code]).toEqual([401, 'invalid_api_key']);
    expect(wrong.body).not.toContain('4242');
    const models = await request(`${current.baseURL}/models`);
    expect(models.statusCode).toBe(401);
    await models.body.dump();
  });

  it('needs no key when none is configured (on loopback)', async () => {
    const current = await start({ keys: [] });
    current.openAI.enqueueReply({ tokens: ['Open'] });
    expect((await post(current, { model: 'default', messages }, null)).status).toBe(200);
  });
});
