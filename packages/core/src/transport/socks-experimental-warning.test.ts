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
import { closeDispatchers, defaultTimeouts, sendRequest } from '@switchyard/core';
import { startProxyProcess } from '@switchyard/test-proxies';

const origin = createServer((_request, response) => response.end('through socks5')).listen(0, '127.0.0.1');
await once(origin, 'listening');
const proxy = await startProxyProcess('socks5');
try {
  const response = await sendRequest({
    url: new URL('http://127.0.0.1:' + origin.address().port + '/'),
    method: 'GET',
    signal: new AbortController().signal,
    proxy: proxy.url,
    timeouts: defaultTimeouts,
  });
  process.stdout.write(await response.body.text());
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
