import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConformanceTarget } from './conformance-subject.js';
import { startOpenAICompatibleTarget } from './openai-compatible-conformance-target.js';

let target: ConformanceTarget;
afterEach(async () => {
  await target.close();
});

function stream(signal?: AbortSignal) {
  return fetch(`${target.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.credentials.apiKey}` },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    signal: signal ?? null,
  });
}

describe('the OpenAI-compatible conformance target', () => {
  it('authenticates with its secret as the api key and points at /v1', async () => {
    target = await startOpenAICompatibleTarget();
    expect(target.secret).toMatch(/^sk-conformance-[0-9a-f-]{36}$/);
    expect(target.credentials).toEqual({ apiKey: target.secret });
    expect(target.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    target.answerNext({ tokens: ['a', 'b'] });
    const wire = await (await stream()).text();
    expect(wire).toContain('"content":"b"');
    expect(wire.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(target.requests()).toEqual([
      { path: '/v1/chat/completions', headers: expect.objectContaining({ authorization: `Bearer ${target.secret}` }) },
    ]);
  });

  it('answers a status fault with an OpenAI error body and the given headers', async () => {
    target = await startOpenAICompatibleTarget();
    target.failNext({ kind: 'status', status: 429, headers: { 'retry-after': '7' } });
    const response = await stream();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
  });

  it('maps stream faults onto the scripted endings', async () => {
    target = await startOpenAICompatibleTarget();
    target.failNext({ kind: 'upstream-error', tokensBefore: ['so far'], message: 'the model worker crashed' });
    expect(await (await stream()).text()).toContain('"message":"the model worker crashed"');
    target.failNext({ kind: 'malformed', tokensBefore: ['ok'] });
    expect(await (await stream()).text()).not.toContain('[DONE]');
    target.failNext({ kind: 'drop-mid-stream', tokensBefore: ['half'] });
    await expect((await stream()).text()).rejects.toThrow();
  });

  it('has no later step to fail, and says so rather than failing the first request', async () => {
    target = await startOpenAICompatibleTarget();
    expect(target.hasLaterSteps).toBe(false);
    expect(() => target.failNext({ kind: 'status', status: 503, step: 'later' })).toThrow(/one request per call/);
    expect((await stream()).status).toBe(200);
  });

  it('holds a stalled request without headers, as an open stream, until the client leaves', async () => {
    target = await startOpenAICompatibleTarget();
    target.failNext({ kind: 'stall-before-headers' });
    const controller = new AbortController();
    const pending = stream(controller.signal);
    while (target.openStreams() === 0) await delay(5);
    expect(target.leftovers()).toEqual(['1 open stream(s)']);
    controller.abort();
    await expect(pending).rejects.toThrow();
    while (target.openStreams() > 0) await delay(5);
  });

  it('plays a paced answer to its end and counts the connections it accepted', async () => {
    target = await startOpenAICompatibleTarget();
    target.answerNext({ tokens: ['a', 'b', 'c'], tokenDelayMs: 20 });
    const wire = await (await stream()).text();
    expect(wire).toContain('"content":"c"');
    expect(target.connectionsAccepted()).toBe(1);
  });

  it('reports a stalled stream as a leftover until the client leaves', async () => {
    target = await startOpenAICompatibleTarget();
    target.failNext({ kind: 'stall-before-first-token' });
    const controller = new AbortController();
    const reader = (await stream(controller.signal)).body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    expect(first).toContain('"role":"assistant"');
    expect(target.leftovers()).toEqual(['1 open stream(s)']);
    controller.abort();
    while (target.leftovers().length > 0) await delay(5);
  });
});
