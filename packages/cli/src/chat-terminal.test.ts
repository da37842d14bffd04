import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closedPort,
  holdGate,
  type OpenAssistantServer,
  openAssistantSessionCookieName,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cliBin, runInTerminal, shellQuote, startCli } from './test-support/cli-process.js';

let server: OpenAssistantServer | undefined;
let scratch: string | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

const esc = '\u001B';
const eraseLine = `\r${esc}[2K`;
const spinnerFrames = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

async function emulator(): Promise<{ server: OpenAssistantServer; cookie: string }> {
  server = await startOpenAssistantServer({ pendingIntervalMs: 20 });
  return { server, cookie: `${openAssistantSessionCookieName}=${server.sessionToken}` };
}

const command = (args: readonly string[]) => [process.execPath, cliBin, ...args].map(shellQuote).join(' ');

describe('switchyard chat on a terminal', () => {
  it('shows what it is doing on stderr, with a spinner, and clears it when text starts', {
    timeout: 30_000,
  }, async () => {
    const { server: emulated, cookie } = await emulator();
    emulated.enqueueReply({ tokens: ['Hello', ' there'], pendingEvents: 3 });
    // stdout and stderr both on the terminal, as a user sees them.
    const { code, output } = await runInTerminal(
      command(['chat', 'Hi', '--base-url', emulated.url, '--cookie', cookie]),
    );
    expect(code).toBe(0);
    const connecting = output.indexOf('connecting to OpenAssistant…');
    expect(connecting).toBeGreaterThan(0);
    expect(output.slice(0, connecting)).toMatch(spinnerFrames);
    // The status line is erased right before the first text, which starts at the line's beginning.
    expect(output).toMatch(new RegExp(`${escapeRegExp(eraseLine)}Hello there\r?\n`));
    expect(output).toContain('served by OpenAssistant');
  });

  it('says each failed attempt of a chain as it fails, and which provider it tries next', {
    timeout: 30_000,
  }, async () => {
    const { server: emulated, cookie } = await emulator();
    emulated.enqueueReply({ tokens: ['Answered'] });
    scratch = await mkdtemp(join(tmpdir(), 'switchyard-terminal-'));
    const config = join(scratch, 'switchyard.config.json');
    const dead = `http://127.0.0.1:${await closedPort()}/v1`;
    await writeFile(config, JSON.stringify({ providers: { OpenAssistant: { baseUrl: emulated.url } } }));
    const { code, output } = await runInTerminal(
      command([
        'chat',
        'Hi',
        '--fallback',
        'Dead,OpenAssistant',
        '--base-url',
        dead,
        '--cookie',
        cookie,
        '--config',
        config,
      ]),
    );
    expect(code).toBe(0);
    const failed = output.indexOf('Dead failed: could not connect to');
    const trying = output.indexOf('Dead failed, trying OpenAssistant…');
    const answer = output.indexOf('Answered');
    expect(failed).toBeGreaterThan(0);
    expect(trying).toBeGreaterThan(failed);
    expect(answer).toBeGreaterThan(trying);
    // On a terminal that takes colours, a failure is red.
    expect(output).toContain(`${esc}[31mDead failed:`);
  });

  it('keeps stdout free of it all when only stderr is a terminal', { timeout: 30_000 }, async () => {
    const { server: emulated, cookie } = await emulator();
    emulated.enqueueReply({ tokens: ['Just', ' the', ' answer'], pendingEvents: 2 });
    scratch = await mkdtemp(join(tmpdir(), 'switchyard-terminal-'));
    const answer = join(scratch, 'answer.txt');
    const { code, output } = await runInTerminal(
      `${command(['chat', 'Hi', '--base-url', emulated.url, '--cookie', cookie])} > ${shellQuote(answer)}`,
    );
    expect(code).toBe(0);
    expect(await readFile(answer, 'utf8')).toBe('Just the answer\n');
    expect(output).toContain('connecting to OpenAssistant…');
    expect(output).toContain('served by OpenAssistant');
  });
});

describe('switchyard chat into pipes and logs', () => {
  it('writes no status line and no colour codes, and says each failed attempt before the answer', {
    timeout: 30_000,
  }, async () => {
    const { server: emulated, cookie } = await emulator();
    const { held, release } = holdGate();
    emulated.enqueueReply({ tokens: ['first', ' second'], holdAfterToken: { index: 0, until: held } });
    scratch = await mkdtemp(join(tmpdir(), 'switchyard-pipes-'));
    const config = join(scratch, 'switchyard.config.json');
    await writeFile(config, JSON.stringify({ providers: { OpenAssistant: { baseUrl: emulated.url } } }));
    const dead = `http://127.0.0.1:${await closedPort()}/v1`;
    const cli = startCli([
      'chat',
      'Hi',
      '--fallback',
      'Dead,OpenAssistant',
      '--base-url',
      dead,
      '--cookie',
      cookie,
      '--config',
      config,
    ]);
    await cli.waitForStdout('first');
    // The answer is held after its first token: the failure was said when it happened, not after.
    expect(cli.stderr).toMatch(/^Dead failed: could not connect to .*\(ECONNREFUSED\)/);
    release();
    expect(await cli.exit()).toBe(0);
    expect(cli.stdout).toBe('first second\n');
    expect(cli.stderr).not.toContain(esc);
    expect(cli.stderr).not.toContain('connecting');
    expect(cli.stderr).not.toMatch(spinnerFrames);
    expect(cli.stderr).toMatch(/\nserved by OpenAssistant\n$/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
