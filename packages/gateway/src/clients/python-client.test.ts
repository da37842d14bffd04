import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { closeDispatchers } from '@switchyard/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayFixture, gatewayKey, startGatewayFixture } from '../test-support/gateway-fixture.js';

const script = fileURLToPath(new URL('./python-client-check.py', import.meta.url));

/** The openai package's version, or why it cannot be used (.ci/run installs it with pip). */
function pythonOpenAI(): { version: string } | { missing: string } {
  try {
    const version = execFileSync('python3', ['-c', 'import openai; print(openai.__version__)'], { encoding: 'utf8' });
    return { version: version.trim() };
  } catch (error) {
    return { missing: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) };
  }
}

const available = pythonOpenAI();
if ('missing' in available) {
  console.warn(
    `SKIPPED the Python client test: python3 cannot import the openai package (pip could not install it: ${available.missing}). Run: python3 -m pip install openai`,
  );
}

let fixture: GatewayFixture;

beforeEach(async () => {
  fixture = await startGatewayFixture();
});
afterEach(() => fixture.close());
afterAll(() => closeDispatchers());

describe.skipIf('missing' in available)('the official openai Python package against the gateway', () => {
  it('streams, completes, raises on a mid-stream failure, and gets typed 401, 404 and 429 errors', async () => {
    // In the order the script asks: the 429 first, then three answers.
    fixture.openAI.failNext('chat_completions', { status: 429, headers: { 'retry-after': '2' } });
    fixture.openAI.enqueueReply({ tokens: ['Hello', ' from', ' Python'] });
    fixture.openAI.enqueueReply({ tokens: ['Complete', '.'] });
    fixture.openAI.enqueueReply({ tokens: ['Half', ' an'], end: { kind: 'drop' } });
    const { stdout } = await promisify(execFile)('python3', [script], {
      env: { ...process.env, GATEWAY_BASE_URL: fixture.baseURL, GATEWAY_KEY: gatewayKey },
      timeout: 60_000,
    });
    const seen = JSON.parse(stdout);
    expect(seen['401']).toEqual({ class: 'AuthenticationError', status: 401, code: 'invalid_api_key' });
    expect(seen['404']).toEqual({ class: 'NotFoundError', status: 404, code: 'model_not_found' });
    expect(seen['429']).toEqual({ class: 'RateLimitError', status: 429, code: 'rate_limit_exceeded' });
    expect(seen.stream).toEqual({ text: 'Hello from Python', finish: 'stop', usage: 3, provider: 'LocalOpenAI' });
    expect(seen.complete).toEqual({ text: 'Complete.', finish: 'stop' });
    expect(seen.midstream).toEqual({ text: 'Half an', error: { class: 'APIError', code: 'stream_interrupted' } });
  });
});
