// The seed's own Python client (gpt4free's OpenAssistant, aiohttp) as a long-lived process that
// makes one call per request, so both sides are timed warm. Undefined when python3 or aiohttp is
// missing and cannot be installed; the bench then says why instead of guessing a number.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function ensureAiohttp() {
  try {
    await run('python3', ['-c', 'import aiohttp']);
    return undefined;
  } catch {
    try {
      await run('python3', ['-m', 'pip', 'install', '--quiet', 'aiohttp'], { timeout: 120_000 });
      await run('python3', ['-c', 'import aiohttp']);
      return undefined;
    } catch (error) {
      return `python3 with aiohttp is not available (${error instanceof Error ? error.message.split('\n')[0] : error})`;
    }
  }
}

export async function startSeedClient({ baseUrl, cookie, model }) {
  const missing = await ensureAiohttp();
  if (missing !== undefined) return { missing };
  const child = spawn(
    'python3',
    [new URL('./seed-openassistant.py', import.meta.url).pathname, baseUrl, cookie, model],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async call() {
      child.stdin.write('go\n');
      const { value } = await lines.next();
      return JSON.parse(value);
    },
    async stop() {
      child.stdin.end();
      await once(child, 'exit');
    },
  };
}
