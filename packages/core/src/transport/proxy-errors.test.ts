import {
  freePort,
  type RunningThirdPartyProxy,
  requireThirdPartyProxy,
  startDante,
  startTinyproxy,
  type ThirdPartyProxyKind,
} from '@switchyard/test-proxies';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError } from '../errors/connection-error.js';
import { ProxyAuthError } from '../errors/proxy-auth-error.js';
import { createConsoleLogger } from '../logging/console-logger.js';
import { describeWithCauses } from '../test-support/describe-with-causes.js';
import { startTestServer, type TestServer } from '../test-support/start-test-server.js';
import { closeDispatchers } from './dispatchers.js';
import { sendRequest } from './send-request.js';
import { defaultTimeouts } from './timeouts.js';

const user = 'switchyard';
const rightPassword = 'r1ght-proxy-pass';
const wrongPassword = 'wr0ng-proxy-pass';

let origin: TestServer | undefined;
let proxy: RunningThirdPartyProxy | undefined;

afterEach(async () => {
  // Pooled tunnels first: dante lingers over open sessions when told to stop.
  await closeDispatchers();
  await proxy?.close();
  await origin?.close();
  proxy = undefined;
  origin = undefined;
});

async function get(url: string, proxyUrl: string, lines: string[] = []): Promise<unknown> {
  return sendRequest({
    url: new URL(url),
    method: 'GET',
    signal: new AbortController().signal,
    proxy: proxyUrl,
    timeouts: defaultTimeouts,
    provider: 'Test',
    logger: createConsoleLogger({ level: 'debug', write: (line) => lines.push(line) }),
  }).then(
    async (response) => response.body.text(),
    (caught: unknown) => caught,
  );
}

function expectNoCredentials(error: unknown, lines: readonly string[]): void {
  const shown = `${describeWithCauses(error)}\n${lines.join('\n')}`;
  expect(shown).not.toContain(rightPassword);
  expect(shown).not.toContain(wrongPassword);
  expect((error as Error).message).not.toContain(`${user}:`);
}

describe.each(['http', 'socks5'] as const)('a %s proxy that refuses the connection', (scheme) => {
  it('is a retryable ConnectionError that names the proxy, not the server behind it', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const error = await get('http://127.0.0.1:9/', `${scheme}://${user}:${rightPassword}@127.0.0.1:${port}`, lines);
    expect(ConnectionError.isInstance(error)).toBe(true);
    const refused = error as ConnectionError;
    expect(refused.retryable).toBe(true);
    expect(refused.errorCode).toBe('ECONNREFUSED');
    expect(refused.proxy).toBe(`${scheme}://127.0.0.1:${port}`);
    expect(refused.message).toContain(`could not connect to the proxy ${scheme}://127.0.0.1:${port}`);
    expectNoCredentials(error, lines);
  });
});

describe('a socks5:// URL that points at an HTTP proxy', () => {
  it('says the proxy did not answer the SOCKS5 handshake', async (context) => {
    requireThirdPartyProxy('tinyproxy', {}, (note) => context.skip(note));
    proxy = await startTinyproxy();
    const error = await get('http://127.0.0.1:9/', `socks5://127.0.0.1:${proxy.port}`);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ failedHop: 'proxy', proxy: `socks5://127.0.0.1:${proxy.port}` });
    expect((error as ConnectionError).message).toContain('no answer to the SOCKS5 handshake');
    // undici waits its own fixed 5 s for the handshake.
  }, 30_000);
});

const thirdParty: ReadonlyArray<[ThirdPartyProxyKind, string, typeof startTinyproxy]> = [
  ['tinyproxy', 'http', startTinyproxy],
  ['dante', 'socks5', startDante],
];

describe.each(thirdParty)('through Debian %s (%s) demanding a password', (kind, scheme, start) => {
  it('goes through with the right credentials', async (context) => {
    requireThirdPartyProxy(kind, { credentials: true }, (note) => context.skip(note));
    origin = await startTestServer((_request, response) => void response.end('through a real proxy'));
    proxy = await start({ credentials: `${user}:${rightPassword}` });
    expect(await get(`${origin.url}/hello`, proxy.url)).toBe('through a real proxy');
    expect(origin.requests.map((request) => request.url)).toEqual(['/hello']);
  });

  it('fails a wrong password with a ProxyAuthError that is not retryable and names the proxy host', async (context) => {
    requireThirdPartyProxy(kind, { credentials: true }, (note) => context.skip(note));
    origin = await startTestServer((_request, response) => void response.end('unreachable'));
    proxy = await start({ credentials: `${user}:${rightPassword}` });
    const lines: string[] = [];
    const error = await get(origin.url, proxy.url.replace(rightPassword, wrongPassword), lines);
    expect(ProxyAuthError.isInstance(error)).toBe(true);
    const rejected = error as ProxyAuthError;
    expect(rejected).toMatchObject({ code: 'proxy_auth', retryable: false, provider: 'Test' });
    expect(rejected.proxy).toBe(`${scheme}://127.0.0.1:${proxy.port}`);
    expect(rejected.message).toContain(`${scheme}://127.0.0.1:${proxy.port}`);
    // tinyproxy answers a wrong password on CONNECT with 401, not the 407 RFC 9110 asks for.
    expect(rejected.status).toBe(scheme === 'http' ? 401 : undefined);
    expectNoCredentials(error, lines);
    expect(origin.requests).toHaveLength(0);
  });

  it('fails a call without credentials with a ProxyAuthError too', async (context) => {
    requireThirdPartyProxy(kind, { credentials: true }, (note) => context.skip(note));
    origin = await startTestServer((_request, response) => void response.end('unreachable'));
    proxy = await start({ credentials: `${user}:${rightPassword}` });
    const error = await get(origin.url, `${scheme}://127.0.0.1:${proxy.port}`);
    expect(ProxyAuthError.isInstance(error)).toBe(true);
    expect((error as ProxyAuthError).retryable).toBe(false);
    expect((error as ProxyAuthError).status).toBe(scheme === 'http' ? 407 : undefined);
    expect(origin.requests).toHaveLength(0);
  });
});

describe.each(thirdParty)('through Debian %s (%s) without a password', (kind, scheme, start) => {
  it('goes through', async (context) => {
    requireThirdPartyProxy(kind, {}, (note) => context.skip(note));
    origin = await startTestServer((_request, response) => void response.end('through an open proxy'));
    proxy = await start();
    expect(await get(`${origin.url}/open`, proxy.url)).toBe('through an open proxy');
    expect(origin.requests.map((request) => request.url)).toEqual(['/open']);
  });

  it('says the proxy could not reach a server that is down, naming both', async (context) => {
    requireThirdPartyProxy(kind, {}, (note) => context.skip(note));
    proxy = await start();
    const down = await freePort();
    const error = await get(`http://127.0.0.1:${down}/`, proxy.url);
    expect(ConnectionError.isInstance(error)).toBe(true);
    const failed = error as ConnectionError;
    expect(failed).toMatchObject({
      retryable: true,
      failedHop: 'target',
      proxy: `${scheme}://127.0.0.1:${proxy.port}`,
    });
    expect(failed.message).toContain(
      `the proxy ${scheme}://127.0.0.1:${proxy.port} could not open a connection to http://127.0.0.1:${down}/`,
    );
  });
});
