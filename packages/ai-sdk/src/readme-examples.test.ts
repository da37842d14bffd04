import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOpenAICompatibleServer, startOpenAssistantServer } from '@switchyard/testing';
import ts from 'typescript';
import { expect, it } from 'vitest';

// The README's examples, run as written: each `ts` block is compiled and run by Node in a child
// process, with only the example endpoints swapped for emulators on 127.0.0.1. They import the
// built package by its own name, so `pnpm build` comes first (as `pnpm test` does).

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

async function readmeExamples(): Promise<string[]> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/** Runs one example with its endpoints replaced; inside the package, so it imports itself and its dev dependencies. */
async function runExample(source: string, endpoints: Record<string, string>, env: Record<string, string>) {
  let code = source;
  for (const [from, to] of Object.entries(endpoints)) code = code.replaceAll(from, to);
  const { outputText } = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const dir = await mkdtemp(join(packageDir, '.readme-run-'));
  try {
    const file = join(dir, 'example.mjs');
    await writeFile(file, outputText);
    const { stdout } = await run(process.execPath, [file], { env: { ...process.env, ...env }, timeout: 30_000 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

it('the README has one example for each direction', async () => {
  expect(await readmeExamples()).toHaveLength(2);
});

it('the README example of Switchyard as an AI SDK model streams through the chain', { timeout: 60_000 }, async () => {
  const [example] = await readmeExamples();
  const openAssistant = await startOpenAssistantServer({ pendingIntervalMs: 5 });
  const ollama = await startOpenAICompatibleServer();
  try {
    openAssistant.enqueueReply({ tokens: ['Hello', ' from', ' Open Assistant'] });
    const stdout = await runExample(
      example ?? '',
      { 'https://oa.example.org': openAssistant.url, 'http://127.0.0.1:11434/v1': ollama.url },
      { OA_SESSION: openAssistant.sessionToken },
    );
    expect(stdout).toBe('Hello from Open Assistant\nserved by OpenAssistant\n');
    expect(openAssistant.liveChats()).toEqual([]);
    expect(ollama.requests).toHaveLength(0);
  } finally {
    await openAssistant.close();
    await ollama.close();
  }
});

it('the README example of an AI SDK model as a Switchyard provider answers through a chain', {
  timeout: 60_000,
}, async () => {
  const [, example] = await readmeExamples();
  const groq = await startOpenAICompatibleServer({ apiKey: 'gsk-readme', models: ['llama-3.1-8b-instant'] });
  const ollama = await startOpenAICompatibleServer();
  try {
    groq.enqueueReply({ tokens: ['Hi', ' from', ' Groq'] });
    const stdout = await runExample(
      example ?? '',
      { 'https://api.groq.com/openai/v1': groq.url, 'http://127.0.0.1:11434/v1': ollama.url },
      { GROQ_API_KEY: 'gsk-readme' },
    );
    expect(stdout).toBe('Hi from Groq (served by Groq)\n');
    expect(groq.requests[0]?.json).toMatchObject({ model: 'llama-3.1-8b-instant' });
  } finally {
    await groq.close();
    await ollama.close();
  }
});
