import 'reflect-metadata';
import {
  freePort,
  type RunningThirdPartyProxy,
  requireThirdPartyProxy,
  startDante,
  startTinyproxy,
  type ThirdPartyProxyKind,
} from '@switchyard/test-proxies';
import { afterEach, describe, expect, it } from 'vitest';
import type { Messages } from '../contract/message.js';
import type { AttemptRecord } from '../errors/all-providers-failed-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { ProxyAuthError } from '../errors/proxy-auth-error.js';
import { SseTestProvider } from '../test-support/sse-test-provider.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import { closeDispatchers } from '../transport/dispatchers.js';
import { FallbackProvider } from './fallback-provider.js';

const messages: Messages = [{ role: 'user', content: 'Who answers?' }];
const retry = { attempts: 3, baseDelayMs: 1, maxWaitMs: 1_000 };

class BehindProxy extends SseTestProvider {
  override readonly name = 'BehindProxy';
}
class Direct extends SseTestProvider {
  override readonly name = 'Direct';
}

let server: TestServer | undefined;
let proxy: RunningThirdPartyProxy | undefined;

afterEach(async () => {
  await closeDispatchers();
  await proxy?.close();
  await server?.close();
  proxy = undefined;
  server = undefined;
});

async function startServer(): Promise<TestServer> {
  return startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end('data: served\r\n\r\ndata: [DONE]\r\n\r\n');
  });
}

/** A chain whose first provider goes through `proxyUrl` and whose second goes direct. */
async function completeThroughChain(url: string, proxyUrl: string) {
  const behind = new BehindProxy(url, { proxy: proxyUrl });
  const chain = new FallbackProvider({ providers: [behind, new Direct(url)], retry });
  return chain.createCompletion(undefined, messages);
}

const summary = (attempts: readonly AttemptRecord[]) =>
  attempts.map((attempt) => `${attempt.provider}#${attempt.attempt} ${attempt.outcome}`);

describe('FallbackProvider with a retry policy', () => {
  it('retries a refused proxy on the same provider, since a proxy that is down may come back', async () => {
    server = await startServer();
    const completion = await completeThroughChain(server.url, `http://127.0.0.1:${await freePort()}`);
    expect(completion).toMatchObject({ text: 'served', provider: 'Direct' });
    expect(summary(completion.attempts)).toEqual([
      'BehindProxy#1 failed',
      'BehindProxy#2 failed',
      'BehindProxy#3 failed',
      'Direct#1 succeeded',
    ]);
    expect(ConnectionError.isInstance(completion.attempts[0]?.error)).toBe(true);
  });

  const thirdParty: ReadonlyArray<[ThirdPartyProxyKind, typeof startTinyproxy]> = [
    ['tinyproxy', startTinyproxy],
    ['dante', startDante],
  ];
  it.for(thirdParty)(
    'does not retry a wrong password on Debian %s, and moves on to the next provider',
    async ([kind, start], context) => {
      requireThirdPartyProxy(kind, { credentials: true }, (note) => context.skip(note));
      server = await startServer();
      const started = await start({ credentials: 'switchyard:r1ght-pass' });
      proxy = started;
      const completion = await completeThroughChain(server.url, started.url.replace('r1ght-pass', 'wr0ng-pass'));
      expect(completion).toMatchObject({ text: 'served', provider: 'Direct' });
      expect(summary(completion.attempts)).toEqual(['BehindProxy#1 failed', 'Direct#1 succeeded']);
      const failure = completion.attempts[0]?.error;
      expect(ProxyAuthError.isInstance(failure)).toBe(true);
      expect(failure?.message).toContain(`127.0.0.1:${started.port}`);
      expect(failure?.message).not.toContain('wr0ng-pass');
      // Only the direct provider reached the server.
      expect(server.requests).toHaveLength(1);
    },
  );
});
