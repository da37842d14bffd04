import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { closedPort } from '@switchyard/testing';
import { describe, expect, it } from 'vitest';
import { type CliRun, cleanEnv, cliBin, shellQuote, startCli } from '../test-support/cli-process.js';

const run = promisify(execFile);

/** The line `emulate` prints for pasting, run by a shell as a user would paste it. */
async function runPrintedChatLine(emulator: CliRun): Promise<{ stdout: string; stderr: string }> {
  const line = /^ {2}switchyard (chat .*)$/m.exec(emulator.stdout)?.[1];
  if (line === undefined) throw new Error(`no chat line in: ${emulator.stdout}`);
  return run('sh', ['-c', `${shellQuote(process.execPath)} ${shellQuote(cliBin)} ${line}`], { env: cleanEnv() });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('switchyard emulate', () => {
  it.each([
    ['openassistant', 'Open Assistant emulator', /^session cookie: __Secure-next-auth\.session-token=\S+$/m, ''],
    ['openai', 'OpenAI emulator', /^API key: sk-switchyard-emulator$/m, '/v1'],
    ['anthropic', 'Anthropic emulator', /^API key: sk-ant-switchyard-emulator$/m, '/v1'],
  ])(
    'speaks %s on the port it is given, prints a chat line that works, and stops on Ctrl-C',
    {
      timeout: 30_000,
    },
    async (protocol, title, credential, path) => {
      const port = await closedPort();
      const emulator = startCli(['emulate', '--protocol', protocol, '--port', String(port)]);
      try {
        await emulator.waitForStdout('Ctrl-C stops it.');
        expect(emulator.stdout).toContain(`${title} on http://127.0.0.1:${port}${path}\n`);
        expect(emulator.stdout).toMatch(credential);
        const chat = await runPrintedChatLine(emulator);
        expect(chat.stdout).toBe(
          `Hello from the ${title}. It answers every prompt with these words, one at a time, so you can watch Switchyard stream them.\n`,
        );
        expect(chat.stderr).toContain('served by');
      } finally {
        emulator.child.kill('SIGINT');
      }
      expect(await emulator.exit()).toBe(0);
      expect(emulator.stderr).toBe('emulator stopped\n');
      expect(await refusesConnections(port)).toBe(true);
    },
  );

  it('says a port in use is in use', { timeout: 30_000 }, async () => {
    const port = await closedPort();
    const first = startCli(['emulate', '--port', String(port)]);
    try {
      await first.waitForStdout('Ctrl-C stops it.');
      const second = startCli(['emulate', '--protocol', 'openai', '--port', String(port)]);
      expect(await second.exit()).toBe(2);
      expect(second.stderr).toBe(
        `error: --port ${port}: the port is in use; choose another, or leave --port out for a free one.\n`,
      );
    } finally {
      first.child.kill('SIGINT');
    }
    expect(await first.exit()).toBe(0);
  });

  it('rejects a protocol it does not speak', async () => {
    const cli = startCli(['emulate', '--protocol', 'gemini']);
    expect(await cli.exit()).toBe(2);
    expect(cli.stderr).toContain("argument 'gemini' is invalid. Allowed choices are openassistant, openai, anthropic.");
  });
});
