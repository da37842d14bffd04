import { ConfigurationError, closeDispatchers, ProviderRegistry } from '@switchyard/core';
import { container } from 'tsyringe';
import { request } from 'undici';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGateway } from './start-gateway.js';
import { postChatCompletion } from './test-support/gateway-client.js';
import { type GatewayFixture, gatewayKey, startGatewayFixture, upstreamKey } from './test-support/gateway-fixture.js';

let fixture: GatewayFixture;

beforeEach(async () => {
  fixture = await startGatewayFixture();
});
afterEach(() => fixture.close());
afterAll(() => closeDispatchers());

async function get(path: string, key?: string) {
  const response = await request(`${fixture.gateway.url}${path}`, {
    headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
  });
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
}

describe('GET /v1/models', () => {
  it('lists every chain and every provider’s models as provider/model', async () => {
    const { status, body } = await get('/v1/models', gatewayKey);
    expect(status).toBe(200);
    const list = JSON.parse(body);
    expect(list.object).toBe('list');
    const ids = list.data.map((model: { id: string }) => model.id);
    expect(ids.slice(0, 2)).toEqual(['default', 'assistant']);
    expect(ids).toContain('LocalOpenAI/gpt-4o-mini');
    expect(ids).toContain('LocalOpenAI/llama3.1:8b');
    expect(ids).toContain('OpenAssistant/_lorem');
    expect(list.data[0]).toEqual({ id: 'default', object: 'model', created: 0, owned_by: 'switchyard' });
  });
});

describe('/health and /ready', () => {
  it('says it is alive, and shows the providers’ health snapshot', async () => {
    expect(await get('/health')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    const ready = await get('/ready');
    expect(ready.status).toBe(200);
    const snapshot = JSON.parse(ready.body);
    expect(snapshot.status).toBe('ready');
    expect(snapshot.providers.map((entry: { provider: string }) => entry.provider)).toEqual([
      'Dead',
      'OpenAssistant',
      'LocalOpenAI',
      'Impatient',
    ]);
  });

  it('shows a provider marked not working', async () => {
    fixture.registry.markNotWorking('LocalOpenAI', 'maintenance', 60_000);
    const snapshot = JSON.parse((await get('/ready')).body);
    expect(snapshot.providers.find((entry: { provider: string }) => entry.provider === 'LocalOpenAI')).toMatchObject({
      status: 'cooling-down',
      working: false,
      reason: 'maintenance',
    });
  });
});

describe('GET /metrics', () => {
  it('counts requests, attempts and failures per provider, with latencies and breaker states, and no secret', async () => {
    fixture.openAI.enqueueReply({ tokens: ['Counted'] });
    await postChatCompletion(
      fixture.baseURL,
      { model: 'default', messages: [{ role: 'user', content: 'x' }], stream: true },
      { key: gatewayKey },
    );
    await postChatCompletion(fixture.baseURL, { model: 'default', messages: [] }, { key: 'sk-wrong' });
    const { status, headers, body } = await get('/metrics');
    expect(status).toBe(200);
    expect(String(headers['content-type'])).toContain('text/plain');
    expect(body).toContain('switchyard_gateway_requests_total{route="chat_completions",status="200"} 1');
    expect(body).toContain('switchyard_gateway_requests_total{route="chat_completions",status="401"} 1');
    expect(body).toContain('switchyard_gateway_attempts_total{provider="Dead",outcome="failed"} 1');
    expect(body).toContain('switchyard_gateway_attempts_total{provider="LocalOpenAI",outcome="succeeded"} 1');
    expect(body).toContain('switchyard_gateway_failures_total{provider="Dead",code="connection_failed"} 1');
    expect(body).toContain('switchyard_gateway_first_token_seconds_count{provider="LocalOpenAI"} 1');
    expect(body).toContain('switchyard_gateway_completion_seconds_count{provider="LocalOpenAI",outcome="completed"} 1');
    expect(body).toContain('switchyard_gateway_breaker_state{provider="LocalOpenAI",state="working"} 1');
    expect(body).toContain('switchyard_gateway_open_requests 0');
    expect(body).not.toContain(upstreamKey);
    expect(body).not.toContain(gatewayKey);
    expect(body).not.toContain('sk-wrong');
  });
});

describe('the log', () => {
  it('has a line per completion, and no key, upstream secret or body in any line', async () => {
    await fixture.close();
    const lines: string[] = [];
    const capture = (level: string) => (message: string, fields?: Record<string, unknown>) => {
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    };
    fixture = await startGatewayFixture({
      logger: { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') },
    });
    const messages = [{ role: 'user', content: 'a private question' }];
    fixture.openAI.enqueueReply({ tokens: ['Fine'] });
    await postChatCompletion(fixture.baseURL, { model: 'default', messages, stream: true }, { key: gatewayKey });
    fixture.openAI.failNext('chat_completions', { status: 500, body: `{"error":{"message":"leaked ${upstreamKey}"}}` });
    await postChatCompletion(fixture.baseURL, { model: 'LocalOpenAI/gpt-4o-mini', messages }, { key: gatewayKey });
    await postChatCompletion(fixture.baseURL, { model: 'default', messages }, { key: 'sk-wrong-key-123' });
    expect(lines.filter((line) => line.startsWith('info chat completion'))).toHaveLength(2);
    expect(
      lines.some((line) => line.includes('"provider":"LocalOpenAI"') && line.includes('"outcome":"completed"')),
    ).toBe(true);
    const log = lines.join('\n');
    for (const secret of [gatewayKey, upstreamKey, 'sk-wrong-key-123', 'a private question']) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('an unknown path', () => {
  it('is a 404 in OpenAI’s format', async () => {
    const { status, body } = await get('/v1/embeddings', gatewayKey);
    expect(status).toBe(404);
    expect(JSON.parse(body).error).toMatchObject({ type: 'invalid_request_error', code: 'unknown_url' });
  });
});

describe('startGateway', () => {
  const registry = () => container.createChildContainer().resolve(ProviderRegistry);

  it('refuses to listen beyond loopback without client keys', async () => {
    const error = await startGateway({ registry: registry(), host: '0.0.0.0' }).catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect(String(error)).toContain('no client keys are configured');
  });

  it('rejects with the listen error when its port is taken', async () => {
    const first = await startGateway({ registry: registry() });
    try {
      const taken = await startGateway({ registry: registry(), port: first.port }).catch((caught: unknown) => caught);
      expect(taken).toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });

  it('listens beyond loopback with keys', async () => {
    const gateway = await startGateway({ registry: registry(), host: '0.0.0.0', keys: ['k'] });
    expect(gateway.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    await gateway.close();
  });

  it('names a bad option, and a chain naming an unknown provider, before listening', async () => {
    const bad = await startGateway({ registry: registry(), limits: { maxMessages: 0 } }).catch(
      (caught: unknown) => caught,
    );
    expect(String(bad)).toContain('limits.maxMessages');
    const unknown = await startGateway({ registry: registry(), chains: { main: ['Nobody'] } }).catch(
      (caught: unknown) => caught,
    );
    expect(String(unknown)).toContain('Nobody');
    const keyLeak = await startGateway({ registry: registry(), keys: ['good', ''] }).catch((caught: unknown) => caught);
    expect(String(keyLeak)).toContain('keys[1]');
    expect(String(keyLeak)).not.toContain('good');
  });
});
