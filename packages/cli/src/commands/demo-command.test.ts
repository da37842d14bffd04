import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

it('the demo serves its fallback chain over HTTP to the official openai client', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [bin, 'demo'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    await vi.waitFor(() => expect(output).toContain('4. The conformance suite'), { timeout: 50_000, interval: 50 });
    expect(output).toContain('3. The same chain over HTTP');
    expect(output).toMatch(
      /3\. The same chain over HTTP[^\n]*\n {3}Lorem ipsum dolor sit amet[^\n]*\n {3}POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions \{"model":"demo"\} → served by OpenAssistant \(x-switchyard-attempts: 2\)/,
    );
  } finally {
    // The conformance suite that follows is the conformance command's to test.
    child.kill('SIGINT');
    await once(child, 'exit');
  }
});
