import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closedPort,
  holdGate,
  type OpenAICompatibleServer,
  type OpenAssistantServer,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli } from './test-support/cli-process.js';

let server: OpenAssistantServer | undefined;
let openAIServer: OpenAICompatibleServer | undefined;
let scratch: string | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  await openAIServer?.close();
  openAIServer = undefined;
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

const start = (args: string[]) => startCli(args);

async function emulatorWithCookieFile() {
  server = await startOpenAssistantServer({ pendingIntervalMs: 5 });
  scratch = await mkdtemp(join(tmpdir(), 'switchyard-cli-'));
  const cookies = join(scratch, 'cookies.txt');
  await writeFile(cookies, `127.0.0.1\tFALSE\t/\tFALSE\t0\t__Secure-next-auth.session-token\t${server.sessionToken}\n`);
  return { server, cookies, args: ['--provider', 'OpenAssistant', '--base-url', server.url, '--cookies', cookies] };
}

describe('switchyard chat', () => {
  it('streams the answer as it arrives and says who served', { timeout: 30_000 }, async () => {
    const { server: emulator, args } = await emulatorWithCookieFile();
    const { held, release } = holdGate();
    emulator.enqueueReply({ tokens: ['first', ' second'], holdAfterToken: { index: 0, until: held } });
    const cli = start(['chat', 'Hello', 'there', ...args, '--temperature', '0.5']);
    // The first token is on stdout while the server still holds the second back.
    await cli.waitForStdout('first');
    expect(cli.stdout).not.toContain('second');
    release();
    expect(await cli.exit()).toBe(0);
    expect(cli.stdout).toBe('first second\n');
    expect(cli.stderr).toContain('served by OpenAssistant');
    expect(emulator.liveChats()).toEqual([]);
    const assistant = emulator.requests.find((request) => request.path === '/api/chat/assistant_message');
    expect(assistant?.json).toMatchObject({ sampling_parameters: { temperature: 0.5 } });
  });

  it('cancels cleanly on SIGINT mid-stream and leaves no chat behind', { timeout: 30_000 }, async () => {
    const { server: emulator, args } = await emulatorWithCookieFile();
    const { held, release } = holdGate();
    emulator.enqueueReply({ tokens: ['partial', ' never'], holdAfterToken: { index: 0, until: held } });
    const cli = start(['chat', 'Hello', ...args]);
    await cli.waitForStdout('partial');
    cli.child.kill('SIGINT');
    expect(await cli.exit()).toBe(130);
    release();
    expect(cli.stderr).toContain('interrupted; the call was cancelled and its chat deleted\n');
    expect(emulator.liveChats()).toEqual([]);
    expect(emulator.deletedChatIds).toHaveLength(1);
  });

  it('says only that the call was cancelled when the provider had no chat', { timeout: 30_000 }, async () => {
    openAIServer = await startOpenAICompatibleServer();
    for (const choice of [
      ['--provider', 'OpenAI'],
      ['--fallback', 'OpenAI'],
    ]) {
      const { held, release } = holdGate();
      openAIServer.enqueueReply({ tokens: ['partial', ' never'], holdAfterToken: { index: 0, until: held } });
      const cli = start(['chat', 'Hello', ...choice, '--base-url', openAIServer.url, '--api-key', 'sk-cli-test']);
      await cli.waitForStdout('partial');
      cli.child.kill('SIGINT');
      expect(await cli.exit()).toBe(130);
      release();
      expect(cli.stderr).toBe('interrupted; the call was cancelled\n');
    }
  });

  it('says the chat was deleted when a chain is cancelled during Open Assistant', { timeout: 30_000 }, async () => {
    const { server: emulator, cookies } = await emulatorWithCookieFile();
    const { held, release } = holdGate();
    emulator.enqueueReply({ tokens: ['partial', ' never'], holdAfterToken: { index: 0, until: held } });
    const cli = start([
      'chat',
      'Hello',
      '--fallback',
      'OpenAssistant',
      '--base-url',
      emulator.url,
      '--cookies',
      cookies,
    ]);
    await cli.waitForStdout('partial');
    cli.child.kill('SIGINT');
    expect(await cli.exit()).toBe(130);
    release();
    expect(cli.stderr).toBe('interrupted; the call was cancelled and its chat deleted\n');
    expect(emulator.liveChats()).toEqual([]);
  });

  it('cancels quietly with the closed-pipe status when the reader of stdout goes away', {
    timeout: 30_000,
  }, async () => {
    const { server: emulator, args } = await emulatorWithCookieFile();
    const { held, release } = holdGate();
    const more = Array.from({ length: 50 }, (_, index) => ` more${index}`);
    emulator.enqueueReply({
      tokens: ['partial', ...more],
      tokenDelayMs: 20,
      holdAfterToken: { index: 0, until: held },
    });
    const cli = start(['chat', 'Hello', ...args]);
    await cli.waitForStdout('partial');
    cli.child.stdout?.destroy();
    release();
    expect(await cli.exit()).toBe(141);
    expect(cli.stderr).toBe('');
    expect(emulator.liveChats()).toEqual([]);
  });

  it('uses Open Assistant for --base-url when no provider is named', { timeout: 30_000 }, async () => {
    const { server: emulator, cookies } = await emulatorWithCookieFile();
    emulator.enqueueReply({ tokens: ['defaulted'] });
    const cli = start(['chat', 'Hello', '--base-url', emulator.url, '--cookies', cookies]);
    expect(await cli.exit()).toBe(0);
    expect(cli.stdout).toBe('defaulted\n');
  });

  it('counts the cookies file as credentials in a fallback chain', { timeout: 30_000 }, async () => {
    const { server: emulator, cookies } = await emulatorWithCookieFile();
    emulator.enqueueReply({ tokens: ['chained'] });
    const cli = start([
      'chat',
      'Hello',
      '--fallback',
      'OpenAssistant',
      '--base-url',
      emulator.url,
      '--cookies',
      cookies,
    ]);
    expect(await cli.exit()).toBe(0);
    expect(cli.stdout).toBe('chained\n');
  });

  it('rejects a bad flag with a clear error and exit code 2', async () => {
    const wrongType = start(['chat', 'hi', '--temperature', 'hot']);
    expect(await wrongType.exit()).toBe(2);
    expect(wrongType.stderr).toContain('expected a number, got "hot"');
    const unknown = start(['chat', 'hi', '--temprature', '1']);
    expect(await unknown.exit()).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--temprature'");
  });

  it('tells auth failures, rate limits and all-failed apart by exit code', { timeout: 30_000 }, async () => {
    const { server: emulator, args } = await emulatorWithCookieFile();
    const noCookies = start(['chat', 'hi', '--provider', 'OpenAssistant', '--base-url', emulator.url]);
    expect(await noCookies.exit()).toBe(3);
    expect(noCookies.stderr).toContain('__Secure-next-auth.session-token');

    emulator.failNext('create_chat', { status: 429, headers: { 'retry-after': '9' } });
    const limited = start(['chat', 'hi', ...args]);
    expect(await limited.exit()).toBe(4);

    const dead = `http://127.0.0.1:${await closedPort()}/v1`;
    const allFailed = start(['chat', 'hi', '--fallback', 'Dead,OpenAI', '--base-url', dead]);
    expect(await allFailed.exit()).toBe(5);
    expect(allFailed.stderr).toMatch(
      /^Dead failed: could not connect to http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions \(ECONNREFUSED\)/m,
    );
    expect(allFailed.stderr).toMatch(
      /^OpenAI skipped: credentials are missing: not authorised\. Give it an API key: OPENAI_API_KEY/m,
    );
    expect(allFailed.stderr).toMatch(/every provider failed\n$/);
  });
});

describe('switchyard with a mistake in a provider section of the config', () => {
  async function configFile(content: unknown): Promise<string> {
    scratch = await mkdtemp(join(tmpdir(), 'switchyard-cli-config-'));
    const path = join(scratch, 'switchyard.config.json');
    await writeFile(path, JSON.stringify(content, null, 2));
    return path;
  }

  it.each([
    [
      'an unknown key',
      { OpenAssistant: { baseUrl: 'http://127.0.0.1:3000', userAgant: 'my-agent' } },
      'providers.OpenAssistant: unknown key "userAgant" (did you mean "userAgent"?)',
    ],
    [
      'a bad type',
      { OpenAssistant: { deleteTimeoutMs: '5s' } },
      'providers.OpenAssistant.deleteTimeoutMs: expected a number, received "5s"',
    ],
    [
      'a base URL without a scheme',
      { OpenAssistant: { baseUrl: '127.0.0.1:3000' } },
      'providers.OpenAssistant.baseUrl: expected an http or https URL, received "127.0.0.1:3000"',
    ],
    [
      'a misspelt provider name',
      { OpenAssistent: { cookies: { 'next-auth.session-token': 'x' } } },
      'providers.OpenAssistent: unknown provider (did you mean "OpenAssistant"?)',
    ],
  ])('reports %s with the file and key path, and exits 2', { timeout: 30_000 }, async (_label, providers, problem) => {
    const path = await configFile({ providers });
    for (const args of [['providers'], ['chat', 'hi']]) {
      const cli = start([...args, '--config', path]);
      expect(await cli.exit()).toBe(2);
      expect(cli.stderr).toBe(`error: invalid configuration in ${path}: ${problem}\n`);
      expect(cli.stdout).toBe('');
    }
  });
});

describe('switchyard chat through a SOCKS5 proxy', () => {
  it('names the proxy that refused, hides its password and prints no ExperimentalWarning', {
    timeout: 30_000,
  }, async () => {
    const { args } = await emulatorWithCookieFile();
    const port = await closedPort();
    const cli = start(['chat', 'hi', ...args, '--proxy', `socks5://switchyard:s0cks-s3cret@127.0.0.1:${port}`]);
    expect(await cli.exit()).toBe(1);
    expect(cli.stderr).toContain(`could not connect to the proxy socks5://127.0.0.1:${port}`);
    expect(cli.stderr).not.toContain('s0cks-s3cret');
    expect(cli.stderr).not.toContain('ExperimentalWarning');
  });
});

describe('switchyard providers and conformance', () => {
  it('lists the registered providers', async () => {
    const cli = start(['providers']);
    expect(await cli.exit()).toBe(0);
    expect(cli.stdout).toMatch(/^provider +working +needsAuth +health +models +url$/m);
    expect(cli.stdout).toMatch(/^OpenAssistant +no +yes +not observed +25 +https:\/\/open-assistant\.io\/chat$/m);
    expect(cli.stdout).toMatch(/^OpenAI +yes +yes +not observed +any +https:\/\/api\.openai\.com\/v1$/m);
    expect(cli.stdout).toMatch(/^Anthropic +yes +yes +not observed +any +https:\/\/api\.anthropic\.com\/v1$/m);
  });

  it('stops the demo on Ctrl-C, stopping what it started', { timeout: 60_000 }, async () => {
    const cli = start(['demo']);
    await cli.waitForStdout('One answer through the fallback chain');
    cli.child.kill('SIGINT');
    expect(await cli.exit()).toBe(130);
  });

  it('runs the conformance suite on the embedded emulator and prints the table', { timeout: 60_000 }, async () => {
    const cli = start(['conformance', '--provider', 'openaicompatible']);
    expect(await cli.exit()).toBe(0);
    expect(cli.stdout).toContain('Conformance of OpenAICompatible');
    expect(cli.stdout).toMatch(/^36 passed, 0 failed, 2 skipped$/m);
    // stderr is a pipe here: the outcome line, with no status line and no colour codes.
    expect(cli.stderr).toBe('✔ OpenAICompatible: 36 passed, 2 skipped\n');
    const unknown = start(['conformance', '--provider', 'Bard']);
    expect(await unknown.exit()).toBe(2);
    expect(unknown.stderr).toContain('Known providers: OpenAssistant, OpenAICompatible');
  });
});
