import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  holdGate,
  type OpenAICompatibleServer,
  type OpenAssistantServer,
  openAssistantSessionCookieName,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const key = 'sk-serve-test';

let openAI: OpenAICompatibleServer;
let openAssistant: OpenAssistantServer;
let scratch: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  openAI = await startOpenAICompatibleServer({ models: ['llama3.1:8b'] });
  openAssistant = await startOpenAssistantServer({ pendingIntervalMs: 5, rateLimit: false });
  scratch = await mkdtemp(join(tmpdir(), 'switchyard-serve-'));
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await openAI.close();
  await openAssistant.close();
  await rm(scratch, { recursive: true, force: true });
});

interface Serving {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** `switchyard serve` on a free port with a config over the emulators; resolves once it listens. */
async function serve(config: Record<string, unknown>, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const path = join(scratch, 'switchyard.config.json');
  await writeFile(
    path,
    JSON.stringify({
      providers: {
        LocalOpenAI: { baseUrl: openAI.url, models: ['llama3.1:8b'] },
        OpenAssistant: {
          baseUrl: openAssistant.url,
          cookies: { [openAssistantSessionCookieName]: openAssistant.sessionToken },
        },
      },
      ...config,
    }),
  );
  const child = spawn(process.execPath, [bin, 'serve', '--config', path, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: scratch,
    env: { ...process.env, ...env },
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const serving: Serving = { child, output: () => output, exited };
  const url = await Promise.race([
    vi.waitFor(
      () => {
        // The last line of the banner: the whole banner has arrived.
        const found = /client keys: /.test(output) ? /listening on (http:\/\/\S+)\/v1/.exec(output)?.[1] : undefined;
        if (found === undefined) throw new Error('not listening yet');
        return found;
      },
      { timeout: 30_000, interval: 20 },
    ),
    exited.then((code) => Promise.reject(new Error(`serve exited with ${code}: ${output}`))),
  ]);
  return { ...serving, url };
}

describe('switchyard serve', () => {
  it('serves chains from the config to the official openai client, with keys from SWITCHYARD_GATEWAY_KEYS', async () => {
    const gateway = await serve({ chains: { main: { providers: ['LocalOpenAI'], retry: { attempts: 2 } } } }, [], {
      SWITCHYARD_GATEWAY_KEYS: `other, ${key}`,
    });
    expect(gateway.output()).toContain('chains: main');
    expect(gateway.output()).toContain('client keys: required');
    openAI.enqueueReply({ tokens: ['Served', ' over', ' HTTP'] });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    let text = '';
    const stream = await client.chat.completions.create({
      model: 'main',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Served over HTTP');
    const wrong = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
  });

  it('refuses to listen beyond loopback without client keys', async () => {
    const refused = serve({}, ['--host', '0.0.0.0']);
    await expect(refused).rejects.toThrow(/exited with 2: .*no client keys are configured/s);
  });

  it('refuses a port that is not one before starting anything', async () => {
    const refused = serve({}, ['--port', '70000']);
    await expect(refused).rejects.toThrow(
      /exited with 2: .*--port <n>' argument '70000' is invalid\. expected a port from 0 to 65535/s,
    );
  });

  it('on SIGTERM during 100 open streams ends every one (completed or errored) and leaves nothing upstream', {
    timeout: 120_000,
  }, async () => {
    const gateway = await serve({ gateway: { shutdownGraceMs: 1_000 } }, [], { SWITCHYARD_GATEWAY_KEYS: key });
    const finishing = holdGate();
    const forever = holdGate();
    // Half are released during the grace period and complete; half hold on and are cancelled at its end.
    for (let index = 0; index < 50; index++) {
      openAI.enqueueReply({ tokens: ['Done', ' in', ' time'], holdAfterToken: { index: 0, until: finishing.held } });
      openAssistant.enqueueReply({ tokens: ['Cut', ' short'], holdAfterToken: { index: 0, until: forever.held } });
    }
    const agent = new Agent({ connections: null });
    let streaming = 0;
    const openStream = async (model: string) => {
      const response = await request(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }], stream: true }),
      });
      let body = '';
      let counted = false;
      for await (const chunk of response.body) {
        body += String(chunk);
        if (!counted && body.includes('"content":"')) {
          counted = true;
          streaming += 1;
        }
      }
      return body;
    };
    const bodies = Promise.all([
      ...Array.from({ length: 50 }, () => openStream('LocalOpenAI/llama3.1:8b')),
      ...Array.from({ length: 50 }, () => openStream('OpenAssistant/_lorem')),
    ]);
    await vi.waitFor(() => expect(streaming).toBe(100), { timeout: 60_000, interval: 20 });
    expect(openAssistant.liveChats()).toHaveLength(50);
    gateway.child.kill('SIGTERM');
    await vi.waitFor(() => expect(gateway.output()).toContain('shutting down: 100 open request(s)'), {
      timeout: 10_000,
    });
    finishing.release();
    const ended = await bodies;
    expect(await gateway.exited).toBe(0);
    const completed = ended.filter((body) => body.trimEnd().endsWith('data: [DONE]'));
    const errored = ended.filter((body) => body.includes('"code":"server_shutting_down"') && !body.includes('[DONE]'));
    expect(completed).toHaveLength(50);
    expect(errored).toHaveLength(50);
    const textOf = (body: string) =>
      [...body.matchAll(/"delta":\{"content":("(?:[^"\\]|\\.)*")\}/g)]
        .map((match) => JSON.parse(match[1] ?? '""'))
        .join('');
    expect(completed.map(textOf)).toEqual(Array.from({ length: 50 }, () => 'Done in time'));
    expect(openAssistant.liveChats()).toHaveLength(0);
    expect(openAssistant.openStreams()).toBe(0);
    expect(openAI.openStreams()).toBe(0);
    forever.release();
    await agent.close();
  });
});
