import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** packages/core: where `@switchyard/core` resolves to this package's own build. */
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A library user's program: a request through a real SOCKS5 proxy process with the built
 * `@switchyard/core`, then an ExperimentalWarning of its own.
 */
const program = `
import { once } from 'node:events';
import { createServer } from 'node:http';
import { AsyncGeneratorProvider, closeDispatchers } from '@switchyard/core';
import { createHttpClient } from '@switchyard/core/provider-kit';
import { startProxyProcess } from '@switchyard/test-proxies';

/** A provider whose answer is the body of one GET. */
class Plain extends AsyncGeneratorProvider {
  name = 'Plain';
  label = 'Plain';
  defaultModel = 'plain';
  models = [];
  constructor(url, proxy) {
    super({ proxy });
    this.url = url;
  }
  async *doStream(call) {
    const response = await createHttpClient(call, { baseUrl: this.url }).send({ method: 'GET', path: '/' });
    yield { type: 'text', text: await response.body.text() };
    yield { type: 'finish', finishReason: 'stop' };
  }
}

const origin = createServer((_request, response) => response.end('through socks5')).listen(0, '127.0.0.1');
await once(origin, 'listening');
const proxy = await startProxyProcess('socks5');
try {
  const provider = new Plain('http://127.0.0.1:' + origin.address().port, proxy.url);
  process.stdout.write((await provider.complete({ messages: [{ role: 'user', content: 'hi' }] })).text);
  process.emitWarning('an experiment of the program itself', 'ExperimentalWarning');
} finally {
  await closeDispatchers();
  await proxy.close();
  origin.close();
}
`;

describe('a SOCKS5 proxy in a program using @switchyard/core', () => {
  it('prints no ExperimentalWarning for SOCKS5, while other ExperimentalWarnings still show', async () => {
    const { NODE_NO_WARNINGS: _, ...env } = process.env;
    const child = spawn(process.execPath, ['--input-type=module', '-e', program], {
      cwd: packageRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const [code] = await once(child, 'close');
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'through socks5' });
    expect(stderr).not.toContain('SOCKS5 proxy support is experimental');
    expect(stderr).toContain('ExperimentalWarning: an experiment of the program itself');
  });
});
