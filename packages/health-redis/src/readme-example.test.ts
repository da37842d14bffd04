import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedisServer, startRedisServer } from './testing/redis-server-process.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const password = 'readme-secret-31d0';
let redis: RunningRedisServer;

beforeAll(async () => {
  redis = await startRedisServer({ password });
});
afterAll(async () => {
  await redis.stop();
});

describe('the README', () => {
  it('runs its example as written, against a real redis-server', { timeout: 30_000 }, async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    if (example === undefined) throw new Error('the README has no js example');
    // Evaluated as a module from the package directory, so its imports resolve as an app's would.
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', example], {
      cwd: packageDir,
      env: { ...process.env, SWITCHYARD_CONFIG: '', SWITCHYARD_HEALTH_REDIS_URL: redis.url },
    });
    expect(stdout.trim().split('\n')).toEqual([
      'worker sees OpenAI cooling-down',
      `shared through redis://:***@127.0.0.1:${redis.port}`,
    ]);
    expect(stdout).not.toContain(password);
  });
});
