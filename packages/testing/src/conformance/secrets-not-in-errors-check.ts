import { randomUUID } from 'node:crypto';
import { startProxyProcess } from '@switchyard/test-proxies';
import { bounded } from './bounded.js';
import { expectThat } from './check-outcome.js';
import { closedPort } from './closed-port.js';
import { coarseTimerSlackMs } from './coarse-timer-slack.js';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import { errorText } from './error-text.js';
import { describeFault, everyFault } from './every-fault.js';
import { streamOutcome } from './stream-outcome.js';

const shortTimeouts = { headersMs: 500, firstTokenMs: 150, idleMs: 150 };

/**
 * The call's error, if it failed. A call still running after the bound is aborted and its abort
 * error read instead: a fault a provider never times out fails a timeout check, not this one.
 */
async function errorOf(context: CheckContext, proxy: string): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), context.boundMs + coarseTimerSlackMs);
  try {
    const outcome = await bounded(
      streamOutcome(context.provider({ timeouts: shortTimeouts }), context.messages, {
        proxy,
        signal: controller.signal,
      }),
      2 * context.boundMs + coarseTimerSlackMs,
      'the stream never settled, not even after an abort',
    );
    return outcome.error;
  } finally {
    clearTimeout(timer);
  }
}

function expectNoSecret(error: unknown, secrets: Readonly<Record<string, string>>, after: string): void {
  const text = errorText(error);
  for (const [what, secret] of Object.entries(secrets)) {
    expectThat(!text.includes(secret), `${what} appears in the error raised after ${after}`);
  }
}

export const secretsNotInErrorsCheck: ConformanceCheck = {
  name: 'secrets.not-in-errors',
  description:
    'no credential or proxy password appears in the error of any fault the suite injects, nor of a refused or dead proxy',
  async run(context) {
    const { target } = context;
    const proxyPassword = `proxy-password-${randomUUID()}`;
    const proxy = await startProxyProcess('http', { credentials: `conformance:${proxyPassword}` });
    try {
      // Every fault with every secret in play: the provider's credentials and a proxy's password.
      const secrets = { 'the credential': target.secret, 'the proxy password': proxyPassword };
      for (const fault of everyFault(target)) {
        target.failNext(fault);
        expectNoSecret(await errorOf(context, proxy.url), secrets, describeFault(fault));
      }
      const wrongPassword = `wrong-password-${randomUUID()}`;
      expectNoSecret(
        await errorOf(context, `http://conformance:${wrongPassword}@127.0.0.1:${proxy.port}`),
        { 'the proxy password': wrongPassword },
        'a proxy refused the password',
      );
      const deadProxyPassword = `dead-proxy-password-${randomUUID()}`;
      expectNoSecret(
        await errorOf(context, `http://conformance:${deadProxyPassword}@127.0.0.1:${await closedPort()}`),
        { 'the proxy password': deadProxyPassword },
        'a proxy that is not there',
      );
    } finally {
      await proxy.close();
    }
  },
};
