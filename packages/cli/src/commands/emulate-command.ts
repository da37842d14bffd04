import { once } from 'node:events';
import { errorCode } from '@switchyard/core';
import {
  openAssistantSessionCookieName,
  startAnthropicServer,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { exitCodes } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';
import type { EmulatedProtocol } from './emulated-protocols.js';

/** A running emulator, as a new user needs to know it: where it is and the line that talks to it. */
interface RunningEmulator {
  readonly title: string;
  readonly url: string;
  /** The cookie or key it asks for, as `what: value`. */
  readonly credential: string;
  /** The arguments of a `switchyard chat` that works against it, shell-quoted. */
  readonly chatArguments: string;
  close(): Promise<void>;
}

/** Every prompt gets this answer, a word at a time, slowly enough to watch it stream. */
function answerOf(title: string): string[] {
  return `Hello from the ${title}. It answers every prompt with these words, one at a time, so you can watch Switchyard stream them.`.split(
    /(?= )/,
  );
}

const openAIKey = 'sk-switchyard-emulator';
const anthropicKey = 'sk-ant-switchyard-emulator';

async function startEmulator(protocol: EmulatedProtocol, port: number | undefined): Promise<RunningEmulator> {
  switch (protocol) {
    case 'openassistant': {
      const title = 'Open Assistant emulator';
      const server = await startOpenAssistantServer({
        port,
        pendingIntervalMs: 150,
        defaultReply: { tokens: answerOf(title), pendingEvents: 2, tokenDelayMs: 60 },
      });
      const cookie = `${openAssistantSessionCookieName}=${server.sessionToken}`;
      return {
        title,
        url: server.url,
        credential: `session cookie: ${cookie}`,
        chatArguments: `--base-url ${server.url} --cookie ${cookie}`,
        close: () => server.close(),
      };
    }
    case 'openai': {
      const title = 'OpenAI emulator';
      const server = await startOpenAICompatibleServer({
        port,
        apiKey: openAIKey,
        defaultReply: { tokens: answerOf(title), tokenDelayMs: 60 },
      });
      return {
        title,
        url: server.url,
        credential: `API key: ${openAIKey}`,
        chatArguments: `--provider OpenAI --base-url ${server.url} --api-key ${openAIKey}`,
        close: () => server.close(),
      };
    }
    case 'anthropic': {
      const title = 'Anthropic emulator';
      const server = await startAnthropicServer({
        port,
        apiKey: anthropicKey,
        defaultReply: { tokens: answerOf(title), tokenDelayMs: 60 },
      });
      return {
        title,
        url: server.baseUrl,
        credential: `API key: ${anthropicKey}`,
        chatArguments: `--provider Anthropic --base-url ${server.baseUrl} --api-key ${anthropicKey}`,
        close: () => server.close(),
      };
    }
  }
}

/**
 * Something to talk to without an account anywhere: one of the protocol emulators of
 * `@switchyard/testing` in the foreground, on 127.0.0.1, until Ctrl-C.
 */
export async function runEmulate(
  flags: { protocol?: EmulatedProtocol | undefined; port?: number | undefined },
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; signal: AbortSignal },
): Promise<number> {
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator(flags.protocol ?? 'openassistant', flags.port);
  } catch (error) {
    if (errorCode(error) === 'EADDRINUSE') {
      throw new UsageError(
        `--port ${flags.port}: the port is in use; choose another, or leave --port out for a free one.`,
      );
    }
    throw error;
  }
  const say = (text: string) => io.stdout.write(`${text}\n`);
  say(`${emulator.title} on ${emulator.url}`);
  say(emulator.credential);
  say('');
  say('In another terminal:');
  say(`  switchyard chat "Hello" ${emulator.chatArguments}`);
  say('');
  say('Ctrl-C stops it.');
  if (!io.signal.aborted) await once(io.signal, 'abort');
  await emulator.close();
  io.stderr.write('emulator stopped\n');
  return exitCodes.ok;
}
