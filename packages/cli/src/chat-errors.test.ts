import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type OpenAICompatibleServer,
  type OpenAssistantServer,
  openAssistantSessionCookieName,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, runCliToEnd } from './test-support/cli-process.js';

let openAssistant: OpenAssistantServer | undefined;
let openAI: OpenAICompatibleServer | undefined;
let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchyard-errors-'));
});

afterEach(async () => {
  await openAssistant?.close();
  openAssistant = undefined;
  await openAI?.close();
  openAI = undefined;
  await rm(scratch, { recursive: true, force: true });
});

/** `switchyard ARGS` in a folder of its own, with no config and none of our variables. */
const run = (args: string[], env: Record<string, string> = {}) =>
  runCliToEnd(args, { cwd: scratch, env: cleanEnv(env) });

async function configFile(content: unknown): Promise<string> {
  const path = join(scratch, 'switchyard.config.json');
  await writeFile(path, JSON.stringify(content));
  return path;
}

describe('the errors a new user meets first', () => {
  it('fails before any request when the default provider points at the closed open-assistant.io', async () => {
    const { code, stdout, stderr } = await run(['chat', 'Hi']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('OpenAssistant points at https://open-assistant.io, which is gone');
    expect(stderr).toContain('--base-url https://oa.example.org, or providers.OpenAssistant.baseUrl');
    expect(stderr).toContain('switchyard emulate');
  });

  it('names the nearest provider and the --provider X --base-url URL form for an unknown name', async () => {
    await configFile({ providers: { Ollama: { baseUrl: 'http://127.0.0.1:11434/v1' } } });
    const { code, stderr } = await run(['chat', 'Hi', '--provider', 'Olama']);
    expect(code).toBe(2);
    expect(stderr).toContain('no provider named "Olama". Did you mean "Ollama"?');
    expect(stderr).toContain('Known providers: OpenAssistant, OpenAI, Anthropic, Ollama.');
    expect(stderr).toContain('--provider Olama --base-url http://HOST:PORT/v1');
    const inChain = await run(['chat', 'Hi', '--fallback', 'Ollama,Antropic']);
    expect(inChain.code).toBe(2);
    expect(inChain.stderr).toContain('no provider named "Antropic". Did you mean "Anthropic"?');
  });

  it('says a --cookies file is missing instead of a raw ENOENT', async () => {
    const { code, stderr } = await run(['chat', 'Hi', '--base-url', 'http://127.0.0.1:9', '--cookies', 'nope.json']);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: --cookies nope.json: no such file (${join(scratch, 'nope.json')})\n`);
  });

  it('warns when SWITCHYARD_COOKIES_DIR names a folder that is not there', async () => {
    openAssistant = await startOpenAssistantServer({ pendingIntervalMs: 5 });
    openAssistant.enqueueReply({ tokens: ['fine'] });
    const cookie = `${openAssistantSessionCookieName}=${openAssistant.sessionToken}`;
    const { code, stdout, stderr } = await run(['chat', 'Hi', '--base-url', openAssistant.url, '--cookie', cookie], {
      SWITCHYARD_COOKIES_DIR: 'no-such-folder',
    });
    expect(code).toBe(0);
    expect(stdout).toBe('fine\n');
    expect(stderr).toContain(
      `note: SWITCHYARD_COOKIES_DIR names ${join(scratch, 'no-such-folder')}, which is not a folder: no cookie files are read from it.`,
    );
  });

  it('answers a 403 from Open Assistant with the flags that give it a session cookie', async () => {
    openAssistant = await startOpenAssistantServer({ pendingIntervalMs: 5 });
    const hint =
      '--cookies FILE (a JSON export, cookies.txt or HAR) or --cookie __Secure-next-auth.session-token=VALUE';
    const stale = `${openAssistantSessionCookieName}=an-expired-session`;
    const refused = await run(['chat', 'Hi', '--base-url', openAssistant.url, '--cookie', stale]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('OpenAssistant: the server answered 403: not authorised.');
    expect(refused.stderr).toContain(hint);
    expect(refused.stderr).not.toContain('the cookies option');
    expect(refused.stderr).not.toContain('an-expired-session');
    // Without any session cookie it is not even asked.
    const missing = await run(['chat', 'Hi', '--base-url', openAssistant.url, '--cookie', 'other=1']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('OpenAssistant: credentials are missing: not authorised.');
    expect(missing.stderr).toContain(hint);
    expect(openAssistant.requests).toHaveLength(1);
  });

  it('says which host the cookies of a --cookies file were for when none match the provider', async () => {
    openAssistant = await startOpenAssistantServer({ pendingIntervalMs: 5 });
    const cookies = join(scratch, 'cookies.txt');
    await writeFile(cookies, `oa.example.org\tFALSE\t/\tTRUE\t0\t${openAssistantSessionCookieName}\ts3cret-session\n`);
    const { code, stderr } = await run(['chat', 'Hi', '--base-url', openAssistant.url, '--cookies', cookies]);
    expect(code).toBe(3);
    expect(stderr).toContain(
      `note: ${cookies} holds cookies for oa.example.org, none for 127.0.0.1: none of them are sent.`,
    );
    expect(stderr).toContain(`The cookies in ${cookies} are for oa.example.org, not 127.0.0.1, so none were sent.`);
    expect(stderr).not.toContain('s3cret-session');
  });

  it('asks whether /v1 was meant when a base URL without it gets a 404', async () => {
    openAI = await startOpenAICompatibleServer();
    const { code, stderr } = await run(['chat', 'Hi', '--provider', 'Local', '--base-url', openAI.origin]);
    expect(code).toBe(1);
    expect(stderr).toContain(`Local: the server answered HTTP 404 for ${openAI.origin}/chat/completions`);
    expect(stderr).toContain(`did you mean ${openAI.origin}/v1?`);
  });

  it('says a host name that does not resolve could not be resolved', async () => {
    const { code, stderr } = await run([
      'chat',
      'Hi',
      '--provider',
      'Local',
      '--base-url',
      'http://switchyard-test.invalid/v1',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/could not resolve host switchyard-test\.invalid, (ENOTFOUND|EAI_AGAIN)/);
  });

  it('names the flag of a value out of range', async () => {
    openAI = await startOpenAICompatibleServer();
    const base = ['chat', 'Hi', '--provider', 'Local', '--base-url', openAI.url];
    const hot = await run([...base, '--temperature', '5']);
    expect(hot.code).toBe(2);
    expect(hot.stderr).toBe('error: --temperature: at most 2, got 5\n');
    const topP = await run([...base, '--top-p', '0', '--max-tokens', '0']);
    expect(topP.code).toBe(2);
    expect(topP.stderr).toBe('error: --top-p: more than 0, got 0; --max-tokens: more than 0, got 0\n');
    expect(openAI.requests).toEqual([]);
  });

  it('says an empty answer was empty', async () => {
    openAI = await startOpenAICompatibleServer();
    openAI.enqueueReply({ tokens: [] });
    const { code, stdout, stderr } = await run(['chat', 'Hi', '--provider', 'Local', '--base-url', openAI.url]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: the answer was empty: Local finished (stop) without any text.\n');
  });

  it('says what a provider without its key needs, before any request', async () => {
    const { code, stderr } = await run(['chat', 'Hi', '--provider', 'OpenAI']);
    expect(code).toBe(3);
    expect(stderr).toBe(
      'error: OpenAI: credentials are missing: not authorised. Give it an API key: OPENAI_API_KEY, --api-key KEY or providers.OpenAI.apiKey in switchyard.config.json.\n',
    );
  });

  it.each([
    [
      '--provider with --fallback',
      ['--provider', 'OpenAI', '--fallback', 'OpenAI,Anthropic'],
      '--provider and --fallback cannot be used together',
    ],
    [
      '--api-key for Open Assistant',
      ['--base-url', 'http://127.0.0.1:9', '--api-key', 'sk-never-shown'],
      '--api-key does not apply to OpenAssistant, which signs in with a browser session cookie',
    ],
    [
      '--cookie without a name',
      ['--base-url', 'http://127.0.0.1:9', '--cookie', 'a-session-token-never-shown'],
      '--cookie: expected name=value (the value is not shown)',
    ],
    ['an empty --fallback', ['--fallback', ' , '], '--fallback: expected provider names separated by commas'],
    ['a --timeout without a duration', ['--timeout', 'soon'], 'expected a duration such as 90, 90s, 1500ms or 2m'],
    [
      'a --base-url that is no URL',
      ['--fallback', 'OpenAI', '--base-url', '127.0.0.1:11434'],
      'expected an http or https URL such as http://127.0.0.1:11434/v1, got "127.0.0.1:11434"',
    ],
  ])('rejects %s with exit code 2, echoing no secret', async (_label, flags, message) => {
    const { code, stdout, stderr } = await run(['chat', 'Hi', ...flags]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('never-shown');
  });
});

describe('a config that points nowhere', () => {
  it('names the plugin that cannot be found', async () => {
    await mkdir(join(scratch, 'conf'));
    const path = join(scratch, 'conf', 'switchyard.config.json');
    await writeFile(path, JSON.stringify({ plugins: ['./missing-plugin.js'] }));
    const { code, stderr } = await run(['providers', '--config', path]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: plugin "${join(scratch, 'conf', 'missing-plugin.js')}": cannot be found, no such file: ${join(scratch, 'conf', 'missing-plugin.js')}\n`,
    );
  });
});
