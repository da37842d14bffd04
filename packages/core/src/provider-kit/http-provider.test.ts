import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderCall } from '../contract/provider-call.js';
import { ProtocolError } from '../errors/protocol-error.js';
import type { ProviderContext } from '../registry/provider-context.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import { type HttpEndpoint, HttpProvider } from './http-provider.js';

/** Each SSE event's data is text; `[DONE]` ends the answer. */
class PlainSse extends HttpProvider {
  constructor(endpoint: Partial<HttpEndpoint> & Pick<HttpEndpoint, 'baseUrl'>, context: ProviderContext = {}) {
    super(
      {
        name: 'PlainSse',
        defaultModel: 'plain-1',
        needsAuth: true,
        authHeaders: (apiKey) => ({ 'x-key': apiKey }),
        authHint: 'Set apiKey.',
        ...endpoint,
      },
      context,
    );
  }

  protected async doStream(call: ProviderCall) {
    const response = await this.httpClient(call).stream({ method: 'POST', path: '/answer', json: {} });
    return this.readSse(
      response,
      call,
      {
        finalEvent: '[DONE]',
        onEvent: ({ data }, out) => {
          if (data !== '[DONE]') return out.text(data);
          out.finish('stop', 'done');
          out.end();
        },
      },
      '/answer',
    );
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...events: string[]): Promise<TestServer> {
  server = await startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(events.map((data) => `data: ${data}\n\n`).join(''));
  });
  return server;
}

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('HttpProvider', () => {
  it('takes its flags from the endpoint: label from the name, no trailing slash, any model by default', () => {
    const provider = new PlainSse({ baseUrl: 'http://127.0.0.1:9/v1//' });
    expect(provider).toMatchObject({
      name: 'PlainSse',
      label: 'PlainSse',
      baseUrl: 'http://127.0.0.1:9/v1',
      url: 'http://127.0.0.1:9/v1',
      needsAuth: true,
      defaultModel: 'plain-1',
      models: [],
      modelAliases: {},
    });
    expect(provider.resolveModel('anything')).toBe('anything');
  });

  it('has credentials with a key, or when it needs none', () => {
    expect(new PlainSse({ baseUrl: 'http://127.0.0.1:9' }).hasCredentials()).toBe(false);
    expect(new PlainSse({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k' }).hasCredentials()).toBe(true);
    expect(new PlainSse({ baseUrl: 'http://127.0.0.1:9', needsAuth: false }).hasCredentials()).toBe(true);
  });

  it('sends its headers with the auth headers over them, and reads the SSE answer to its end', async () => {
    const { url, requests } = await serve('Hel', 'lo', '[DONE]');
    const provider = new PlainSse({ baseUrl: url, apiKey: 'key-1', headers: { 'x-key': 'not this', 'x-app': 'a' } });
    const result = await provider.complete({ messages });
    expect(result).toMatchObject({ text: 'Hello', finishReason: 'stop', provider: 'PlainSse', model: 'plain-1' });
    expect(requests[0]?.url).toBe('/answer');
    expect(requests[0]?.headers).toMatchObject({ 'x-key': 'key-1', 'x-app': 'a' });
  });

  it('sends no auth header without a key', async () => {
    const { url, requests } = await serve('ok', '[DONE]');
    await new PlainSse({ baseUrl: url, needsAuth: false }).complete({ messages });
    expect(requests[0]?.headers['x-key']).toBeUndefined();
  });

  it('bounds an SSE line by the endpoint’s maxSseBufferSize', async () => {
    const { url } = await serve('x'.repeat(5_000), '[DONE]');
    const error = await new PlainSse({ baseUrl: url, needsAuth: false, maxSseBufferSize: 1_024 })
      .complete({ messages })
      .catch((caught: unknown) => caught);
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('exceeded');
  });
});
