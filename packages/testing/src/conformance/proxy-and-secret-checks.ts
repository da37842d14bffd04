import { createServer } from 'node:http';
import { startProxyProcess } from '@switchyard/test-proxies';
import { listenOnLoopback } from '../http/listen-on-loopback.js';
import { bounded } from './bounded.js';
import { CheckSkipped, describeValue, expectThat } from './check-outcome.js';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import type { ConformanceFault } from './conformance-subject.js';
import { errorText } from './error-text.js';
import { secretsNotInErrorsCheck } from './secrets-not-in-errors-check.js';
import { streamOutcome } from './stream-outcome.js';
import { waitUntil } from './wait-until.js';

async function failureText(context: CheckContext, fault: ConformanceFault): Promise<string> {
  context.target.failNext(fault);
  const outcome = await bounded(
    streamOutcome(context.provider({ timeouts: { firstTokenMs: 150, idleMs: 150 } }), context.messages),
    context.boundMs,
    'the stream never settled',
  );
  return errorText(outcome.error);
}

export const proxyAndSecretChecks: readonly ConformanceCheck[] = [
  {
    name: 'proxy.honoured',
    description: 'the proxy option sends the call through a real proxy process',
    async run({ target, provider, messages, boundMs }) {
      const proxy = await startProxyProcess('http');
      try {
        target.answerNext({ tokens: ['through', ' the proxy'] });
        const outcome = await bounded(
          streamOutcome(provider(), messages, { proxy: proxy.url }),
          boundMs,
          'never settled',
        );
        expectThat(!outcome.failed, `the call through the proxy failed: ${describeValue(outcome.error)}`);
        const host = new URL(target.baseUrl).host;
        expectThat(
          proxy.tunnels.some((tunnel) => tunnel.target === host),
          `the proxy saw no tunnel to ${host} (it saw ${proxy.tunnels.map((tunnel) => tunnel.target).join(', ') || 'nothing'})`,
        );
      } finally {
        await proxy.close();
      }
    },
  },
  {
    name: 'proxy.every-request',
    description:
      'every request of a call goes through the proxy: each connection the server accepted was opened by the proxy',
    async run({ target, provider, messages, boundMs }) {
      const proxy = await startProxyProcess('http');
      try {
        target.answerNext({ tokens: ['every', ' request'] });
        const outcome = await bounded(
          streamOutcome(provider(), messages, { proxy: proxy.url }),
          boundMs,
          'never settled',
        );
        expectThat(!outcome.failed, `the call through the proxy failed: ${describeValue(outcome.error)}`);
        // Requests share kept-alive tunnels, so they cannot be counted one for one; connections
        // can: one the proxy did not open is one some request took around it.
        const host = new URL(target.baseUrl).host;
        const tunnels = () => proxy.tunnels.filter((tunnel) => tunnel.target === host).length;
        // The proxy reports tunnels over IPC, which may trail the answer by a moment.
        await waitUntil(() => tunnels() >= target.connectionsAccepted(), boundMs);
        const connections = target.connectionsAccepted();
        expectThat(
          connections <= tunnels(),
          `${target.requests().length} request(s) reached the server over ${connections} connection(s), only ${tunnels()} of them through the proxy: some requests went around it`,
        );
      } finally {
        await proxy.close();
      }
    },
  },
  {
    name: 'secrets.stay-on-host',
    description: "credentials go only to the provider's host, even when the server redirects elsewhere",
    async run(context) {
      // Another loopback address is another host: a redirect there must not carry the secret.
      const seen: string[] = [];
      const canaryServer = createServer((request, response) => {
        seen.push(JSON.stringify(request.headers));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      const canary = await listenOnLoopback(canaryServer, 0, '127.0.0.2').catch((error: unknown) => {
        // Linux routes all of 127.0.0.0/8 to loopback; some systems have only 127.0.0.1.
        throw new CheckSkipped(`no second loopback address to play another host (${describeValue(error)})`);
      });
      try {
        const text = await failureText(context, {
          kind: 'status',
          status: 307,
          headers: { location: `${canary.url}/elsewhere` },
        });
        expectThat(
          !seen.some((headers) => headers.includes(context.target.secret)),
          `the credentials were sent to ${canary.url}, another host`,
        );
        expectThat(!text.includes(context.target.secret), 'the credentials appear in the error');
      } finally {
        await canary.close();
      }
    },
  },
  secretsNotInErrorsCheck,
];
