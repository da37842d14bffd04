import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { closeDispatchers } from '@switchyard/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayFixture, gatewayKey, startGatewayFixture } from '../test-support/gateway-fixture.js';

let fixture: GatewayFixture;

beforeEach(async () => {
  fixture = await startGatewayFixture();
});
afterEach(() => fixture.close());
afterAll(() => closeDispatchers());

interface CurlResult {
  readonly exitCode: number;
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/** `curl --fail-with-body`, as a shell script would call it; never throws on curl's exit code. */
async function curl(body: unknown, key = gatewayKey): Promise<CurlResult> {
  const args = [
    '--silent',
    '--show-error',
    '--no-buffer',
    '--fail-with-body',
    '--include',
    '--header',
    `Authorization: Bearer ${key}`,
    '--header',
    'Content-Type: application/json',
    '--data',
    JSON.stringify(body),
    `${fixture.baseURL}/chat/completions`,
  ];
  const outcome = await promisify(execFile)('curl', args, { timeout: 30_000 }).then(
    ({ stdout }) => ({ exitCode: 0, stdout }),
    (error: { code?: number; stdout?: string }) => ({ exitCode: error.code ?? -1, stdout: error.stdout ?? '' }),
  );
  const [headers = '', ...rest] = outcome.stdout.split('\r\n\r\n');
  return {
    exitCode: outcome.exitCode,
    status: Number(/^HTTP\/[\d.]+ (\d+)/.exec(headers)?.[1]),
    headers: headers.toLowerCase(),
    body: rest.join('\r\n\r\n'),
  };
}

/** The JSON of every `data:` event but `[DONE]`. */
const events = (body: string) =>
  body
    .split('\n\n')
    .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
    .map((event) => JSON.parse(event.slice('data: '.length)));

const messages = [{ role: 'user', content: 'Say hello.' }];

describe('curl against the gateway', () => {
  it('streams chunks ending in [DONE]', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Curl', 'ed'] });
    const result = await curl({ model: 'default', messages, stream: true });
    expect(result.exitCode).toBe(0);
    expect(result.headers).toContain('content-type: text/event-stream');
    expect(result.headers).toContain('x-switchyard-provider: localopenai');
    expect(result.body.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const text = events(result.body)
      .map((chunk) => chunk.choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe('Curled');
  });

  it('completes without streaming', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Whole'] });
    const result = await curl({ model: 'LocalOpenAI/gpt-4o-mini', messages });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.body).choices[0].message.content).toBe('Whole');
  });

  it('sees a mid-stream failure as an error event and no [DONE]', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Half', ' an'], end: { kind: 'drop' } });
    const result = await curl({ model: 'LocalOpenAI/gpt-4o-mini', messages, stream: true });
    expect(result.body).not.toContain('[DONE]');
    expect(events(result.body).at(-1)).toMatchObject({ error: { type: 'server_error', code: 'stream_interrupted' } });
  });

  it('fails with the status and OpenAI’s error body for 401, 404 and 429', async () => {
    const unauthorized = await curl({ model: 'default', messages }, 'sk-wrong');
    expect([unauthorized.exitCode, unauthorized.status]).toEqual([22, 401]);
    expect(JSON.parse(unauthorized.body).error.code).toBe('invalid_api_key');
    const unknown = await curl({ model: 'no-such-model', messages });
    expect([unknown.exitCode, unknown.status]).toEqual([22, 404]);
    expect(JSON.parse(unknown.body).error).toMatchObject({ param: 'model', code: 'model_not_found' });
    fixture.openAI.failNext('chat_completions', { status: 429, headers: { 'retry-after': '4' } });
    const limited = await curl({ model: 'LocalOpenAI/gpt-4o-mini', messages, stream: true });
    expect([limited.exitCode, limited.status]).toEqual([22, 429]);
    expect(limited.headers).toContain('retry-after: 4');
    expect(JSON.parse(limited.body).error.code).toBe('rate_limit_exceeded');
  });
});
