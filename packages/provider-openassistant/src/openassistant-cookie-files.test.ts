import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AllProvidersFailedError,
  ConfigurationError,
  closeDispatchers,
  createConsoleLogger,
  FallbackProvider,
  type Messages,
  ProviderHealth,
} from '@switchyard/core';
import { type OpenAssistantServer, startOpenAssistantServer } from '@switchyard/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAssistant } from './openassistant-provider.js';

/*
 * A cookie file is the user's: a mistake in it is reported as theirs, with the place to fix, and
 * never makes the provider look broken. These run the provider against the Open Assistant emulator
 * with cookie files in a real folder.
 */

const conversation: Messages = [{ role: 'user', content: 'Hi!' }];

let server: OpenAssistantServer;
let dir: string;

beforeEach(async () => {
  server = await startOpenAssistantServer({ pendingIntervalMs: 5 });
  dir = await mkdtemp(join(tmpdir(), 'switchyard-oa-cookie-files-'));
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

afterAll(closeDispatchers);

function sessionLine(token: string): string {
  return `127.0.0.1\tFALSE\t/\tFALSE\t0\tnext-auth.session-token\t${token}\n`;
}

/** The session cookie with its expiry field broken; that field starts at column 25 of line 1. */
function brokenSessionLine(token: string): string {
  return `127.0.0.1\tFALSE\t/\tFALSE\tsoon\tnext-auth.session-token\t${token}\n`;
}

function providerReadingFolder() {
  const lines: string[] = [];
  const provider = new OpenAssistant(
    { baseUrl: server.url },
    {
      logger: createConsoleLogger({ level: 'debug', write: (line) => lines.push(line) }),
      env: { SWITCHYARD_COOKIES_DIR: dir },
      cwd: '/',
    },
  );
  return { provider, lines };
}

async function failureOf(completion: Promise<unknown>): Promise<unknown> {
  return completion.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('OpenAssistant cookie files', () => {
  it('fails on a malformed cookie file as a configuration mistake that does not count against health', async () => {
    const file = join(dir, 'cookies.txt');
    await writeFile(file, brokenSessionLine(server.sessionToken));
    const { provider } = providerReadingFolder();
    // One counted failure would open the circuit.
    const health = new ProviderHealth(undefined, { failureThreshold: 1 });
    const chain = new FallbackProvider({ providers: [provider], health });

    for (let call = 0; call < 3; call++) {
      const error = await failureOf(chain.createCompletion(undefined, conversation));
      expect(AllProvidersFailedError.isInstance(error)).toBe(true);
      const [attempt] = (error as AllProvidersFailedError).attempts;
      expect(attempt?.outcome).toBe('skipped');
      expect(ConfigurationError.isInstance(attempt?.error)).toBe(true);
      const configurationError = attempt?.error as ConfigurationError;
      expect(configurationError.source).toBe(file);
      expect(configurationError.message).toContain('line 1, column 25: field 5 (expiry)');
      expect(configurationError.message).not.toContain(server.sessionToken);
    }
    expect(health.entry('OpenAssistant')).toMatchObject({ status: 'unknown', consecutiveFailures: 0 });
    expect(health.isWorking('OpenAssistant')).not.toBe(false);
    // The file is read before any request: the server never saw the call.
    expect(server.requests).toEqual([]);
  });

  it('reads a fixed cookie file on the next call', async () => {
    const file = join(dir, 'cookies.txt');
    await writeFile(file, brokenSessionLine(server.sessionToken));
    const { provider } = providerReadingFolder();
    const error = await failureOf(provider.createCompletion(undefined, conversation));
    expect(ConfigurationError.isInstance(error)).toBe(true);

    await writeFile(file, sessionLine(server.sessionToken));
    expect((await provider.createCompletion(undefined, conversation)).text).not.toBe('');
    expect(server.requests[0]?.headers.cookie).toBe(`next-auth.session-token=${server.sessionToken}`);

    // And the other way round: breaking it again is noticed too, not hidden behind the good read.
    await writeFile(file, brokenSessionLine(server.sessionToken));
    expect(ConfigurationError.isInstance(await failureOf(provider.createCompletion(undefined, conversation)))).toBe(
      true,
    );
  });

  it('warns about one malformed file, naming file, line and column, and still sends a valid cookie from another', async () => {
    const broken = join(dir, 'a-export.json');
    // The bad name, 7, sits at line 3, column 35.
    await writeFile(
      broken,
      '[\n  {"domain": "127.0.0.1", "name": "theme", "value": "dark"},\n  {"domain": "127.0.0.1", "name": 7, "value": "x"}\n]\n',
    );
    await writeFile(join(dir, 'b-cookies.txt'), sessionLine(server.sessionToken));
    const { provider, lines } = providerReadingFolder();

    expect((await provider.createCompletion(undefined, conversation)).text).not.toBe('');
    expect(server.requests[0]?.headers.cookie).toBe(`next-auth.session-token=${server.sessionToken}`);
    const warnings = lines.filter((line) => line.includes(' WARN '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(broken);
    expect(warnings[0]).toContain('line 3, column 35: [1].name: expected string');
    expect(lines.join('\n')).not.toContain(server.sessionToken);

    // An unchanged folder is not reported again on every call.
    await provider.createCompletion(undefined, conversation);
    expect(lines.filter((line) => line.includes(' WARN '))).toHaveLength(1);
  });
});
