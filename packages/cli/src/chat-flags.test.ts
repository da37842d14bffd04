import { readFile } from 'node:fs/promises';
import {
  type AnthropicServer,
  type OpenAICompatibleServer,
  type OpenAssistantServer,
  openAssistantSessionCookieName,
  startAnthropicServer,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, runCliToEnd } from './test-support/cli-process.js';

let openAI: OpenAICompatibleServer | undefined;
let anthropic: AnthropicServer | undefined;
let openAssistant: OpenAssistantServer | undefined;

afterEach(async () => {
  await openAI?.close();
  openAI = undefined;
  await anthropic?.close();
  anthropic = undefined;
  await openAssistant?.close();
  openAssistant = undefined;
});

const run = (args: string[], env: Record<string, string> = {}) => runCliToEnd(args, { env: cleanEnv(env) });

describe('switchyard --version', () => {
  it('prints the version of the package', async () => {
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = await run([flag]);
      expect(code).toBe(0);
      expect(stdout).toBe(`${manifest.version}\n`);
    }
  });
});

describe('API keys', () => {
  it('reads OPENAI_API_KEY for OpenAI and ANTHROPIC_API_KEY for Anthropic', { timeout: 30_000 }, async () => {
    openAI = await startOpenAICompatibleServer({ apiKey: 'sk-openai-from-env' });
    anthropic = await startAnthropicServer({ apiKey: 'sk-ant-from-env' });
    openAI.enqueueReply({ tokens: ['from OpenAI'] });
    anthropic.enqueueReply({ tokens: ['from Anthropic'] });
    const env = { OPENAI_API_KEY: 'sk-openai-from-env', ANTHROPIC_API_KEY: 'sk-ant-from-env' };
    const viaOpenAI = await run(['chat', 'Hi', '--provider', 'OpenAI', '--base-url', openAI.url], env);
    expect(viaOpenAI.stdout).toBe('from OpenAI\n');
    const viaAnthropic = await run(['chat', 'Hi', '--provider', 'Anthropic', '--base-url', anthropic.baseUrl], env);
    expect(viaAnthropic.stdout).toBe('from Anthropic\n');
    // Each vendor's variable goes to its own provider only, never to another server.
    expect(openAI.requests[0]?.headers.authorization).toBe('Bearer sk-openai-from-env');
    expect(anthropic.requests[0]?.headers['x-api-key']).toBe('sk-ant-from-env');
  });

  it('gives --api-key, then SWITCHYARD_API_KEY, to the provider asked', { timeout: 30_000 }, async () => {
    openAI = await startOpenAICompatibleServer({ apiKey: 'sk-the-right-key' });
    openAI.enqueueReply({ tokens: ['flag'] });
    openAI.enqueueReply({ tokens: ['variable'] });
    const base = ['chat', 'Hi', '--provider', 'Local', '--base-url', openAI.url];
    const wrongInEnv = { SWITCHYARD_API_KEY: 'sk-wrong-in-env', OPENAI_API_KEY: 'sk-not-for-local' };
    expect((await run([...base, '--api-key', 'sk-the-right-key'], wrongInEnv)).stdout).toBe('flag\n');
    expect((await run(base, { SWITCHYARD_API_KEY: 'sk-the-right-key' })).stdout).toBe('variable\n');
    expect(openAI.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk-the-right-key',
      'Bearer sk-the-right-key',
    ]);
  });

  it('never echoes a key, refused or in the debug log', { timeout: 30_000 }, async () => {
    openAI = await startOpenAICompatibleServer({ apiKey: 'sk-the-right-key' });
    const refused = await run(
      ['chat', 'Hi', '--provider', 'OpenAI', '--base-url', openAI.url, '--api-key', 'sk-wrong-flag-1234', '--verbose'],
      { OPENAI_API_KEY: 'sk-wrong-env-5678' },
    );
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('OpenAI: the server answered 401: not authorised. Give it an API key');
    expect(refused.stderr).toMatch(/ DEBUG request /);
    expect(refused.stderr).not.toContain('sk-wrong-flag');
    expect(refused.stderr).not.toContain('1234');
    expect(refused.stderr).not.toContain('sk-wrong-env');
  });
});

describe('--cookie, --timeout and --verbose', () => {
  it('sends a --cookie given as name=value, and keeps its value out of the debug log', {
    timeout: 30_000,
  }, async () => {
    openAssistant = await startOpenAssistantServer({ pendingIntervalMs: 5 });
    openAssistant.enqueueReply({ tokens: ['signed in'] });
    const cookie = `${openAssistantSessionCookieName}=${openAssistant.sessionToken}`;
    const { code, stdout, stderr } = await run([
      'chat',
      'Hi',
      '--base-url',
      openAssistant.url,
      '--cookie',
      cookie,
      '--verbose',
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe('signed in\n');
    expect(stderr).toMatch(new RegExp(`DEBUG request \\{"method":"POST","url":"${openAssistant.url}/api/chat"`));
    expect(stderr).not.toContain(openAssistant.sessionToken);
    expect(openAssistant.liveChats()).toEqual([]);
  });

  it('gives up after --timeout, naming the flag', { timeout: 30_000 }, async () => {
    openAI = await startOpenAICompatibleServer();
    openAI.enqueueReply({ tokens: ['never finished'], end: { kind: 'stall' } });
    const { code, stderr } = await run([
      'chat',
      'Hi',
      '--provider',
      'Local',
      '--base-url',
      openAI.url,
      '--timeout',
      '1s',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /Local: timed out after 1000 ms .*\(--timeout, SWITCHYARD_TIMEOUT_TOTAL_MS or timeouts\.totalMs in switchyard\.config\.json\)/,
    );
    expect(openAI.openStreams()).toBe(0);
  });
});
