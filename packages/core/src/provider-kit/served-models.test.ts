import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderCall } from '../contract/provider-call.js';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import { HttpProvider } from './http-provider.js';
import { withServedModels } from './served-models.js';

const hint = 'Choose one the server serves.';

/** Asks for its model as OpenAI's wire does, and tells a refused one with the server's list. */
class ListingProvider extends HttpProvider {
  constructor(baseUrl: string) {
    super({
      name: 'Listing',
      baseUrl,
      defaultModel: 'gone-1',
      needsAuth: false,
      authHeaders: () => ({}),
      authHint: 'Set apiKey.',
    });
  }

  protected async doStream(call: ProviderCall): Promise<never> {
    const http = this.httpClient(call);
    try {
      await http.stream({ method: 'POST', path: '/answer', json: { model: call.model } });
      throw new Error('the test server answers every request with an error');
    } catch (error) {
      if (ModelNotSupportedError.isInstance(error)) throw await withServedModels(http, error, hint);
      throw error;
    }
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that has no such model, and answers `GET /models` with `list` (status and body). */
async function refusingServer(list: { status: number; body: string }): Promise<TestServer> {
  server = await startTestServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(list.status, { 'content-type': 'application/json' });
      response.end(list.body);
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 'model_not_found', message: 'The model gone-1 does not exist' } }));
  });
  return server;
}

const failureOf = (provider: HttpProvider) =>
  provider.complete({ messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);

describe('withServedModels', () => {
  it('tells a refused model with the models the server lists at GET /models', async () => {
    const { url, requests } = await refusingServer({
      status: 200,
      body: JSON.stringify({ object: 'list', data: [{ id: 'a-1', owned_by: 'x' }, { id: 'b-2' }] }),
    });
    const error = await failureOf(new ListingProvider(url));
    expect(ModelNotSupportedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'Listing', model: 'gone-1', supportedModels: ['a-1', 'b-2'] });
    expect((error as Error).message).toContain(
      'The server said: The model gone-1 does not exist. Use one of: a-1, b-2.',
    );
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /answer', 'GET /models']);
  });

  it('says the hint when the server has no list to give', async () => {
    const { url } = await refusingServer({ status: 404, body: 'no such route' });
    const error = await failureOf(new ListingProvider(url));
    expect(error).toMatchObject({ model: 'gone-1', supportedModels: [] });
    expect((error as Error).message).toContain(hint);
  });

  it('says the hint when the list is not in the shape it knows', async () => {
    const { url } = await refusingServer({ status: 200, body: JSON.stringify({ models: ['a-1'] }) });
    const error = await failureOf(new ListingProvider(url));
    expect(error).toMatchObject({ supportedModels: [] });
    expect((error as Error).message).toContain(hint);
  });
});
