import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type OpenAssistantServer,
  openAssistantSessionCookieName,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, cliBin, shellQuote } from './test-support/cli-process.js';

const run = promisify(execFile);
let server: OpenAssistantServer | undefined;
let scratch: string | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('switchyard chat into a pipe that closes', () => {
  it('exits 141 quietly under | head -c 20, as yes | head does, and deletes the chat', {
    timeout: 30_000,
  }, async () => {
    server = await startOpenAssistantServer({ pendingIntervalMs: 5 });
    // Far more than 20 bytes, paced, so the reader is gone while the answer still streams.
    const tokens = Array.from({ length: 200 }, (_, index) => `word${index} `);
    server.enqueueReply({ tokens, tokenDelayMs: 10 });
    scratch = await mkdtemp(join(tmpdir(), 'switchyard-pipe-'));
    const stderrFile = join(scratch, 'stderr.txt');
    const chat = [process.execPath, cliBin, 'chat', 'Hi', '--base-url', server.url, '--cookie']
      .concat(`${openAssistantSessionCookieName}=${server.sessionToken}`)
      .map(shellQuote)
      .join(' ');
    // bash, for PIPESTATUS: the status of switchyard itself, not of head.
    const { stdout } = await run(
      'bash',
      ['-c', `${chat} 2> ${shellQuote(stderrFile)} | head -c 20; echo " status=\${PIPESTATUS[0]}"`],
      { env: cleanEnv() },
    );
    expect(stdout).toBe('word0 word1 word2 wo status=141\n');
    expect(await readFile(stderrFile, 'utf8')).toBe('');
    expect(server.liveChats()).toEqual([]);
    expect(server.deletedChatIds).toHaveLength(1);
  });
});
