import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedisServer } from './redis-server-process.js';

const realTmp = process.env.TMPDIR;
let scratch: string | undefined;

afterEach(async () => {
  if (realTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = realTmp;
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('startRedisServer', () => {
  it('says how to install it when there is no redis-server, and leaves no directory behind', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'switchyard-redis-test-'));
    process.env.TMPDIR = scratch;
    await expect(startRedisServer({ command: join(scratch, 'no-redis-server') })).rejects.toThrow(
      /was not found: install Debian's redis-server package/,
    );
    expect(await readdir(scratch)).toEqual([]);
  });

  it('stops the server and removes its directory', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'switchyard-redis-test-'));
    process.env.TMPDIR = scratch;
    const redis = await startRedisServer();
    expect(await readdir(scratch)).toHaveLength(1);
    await redis.stop();
    expect(await readdir(scratch)).toEqual([]);
    expect(() => process.kill(redis.pid, 0)).toThrow();
  });
});
