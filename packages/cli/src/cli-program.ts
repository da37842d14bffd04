import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { runChat } from './commands/chat-command.js';
import type { runConformanceCommand } from './commands/conformance-command.js';
import type { runEmulate } from './commands/emulate-command.js';
import { emulatedProtocols } from './commands/emulated-protocols.js';
import { durationFlag } from './duration-flag.js';
import { exitCodeFor, exitCodes } from './exit-codes.js';
import { stdoutWasClosed } from './stdout-closed.js';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Aborted on Ctrl-C, and when the reader of stdout goes away. */
  readonly signal: AbortSignal;
}

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

function number(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return parsed;
}

function integer(value: string): number {
  const parsed = number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return parsed;
}

function port(value: string): number {
  const parsed = integer(value);
  if (parsed < 0 || parsed > 65_535) throw new InvalidArgumentError(`expected a port from 0 to 65535, got "${value}"`);
  return parsed;
}

function httpUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InvalidArgumentError(`expected an http or https URL such as http://127.0.0.1:11434/v1, got "${value}"`);
  }
  return value;
}

function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

const pluginHelp = 'a module that registers providers (a package name or a path); repeatable';

/** Parses `argv` (without node and the script) and runs the command; resolves to the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let code: number = exitCodes.ok;
  // Each command's module is loaded when it runs: `switchyard chat` does not pay for the
  // emulators, the gateway, Redis or the conformance suite at start-up.
  const program = new Command('switchyard')
    .description('Stream text from many LLM providers, with fallback and a conformance suite.')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run switchyard --help for the commands and their options)')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  program
    .command('providers')
    .description('list the registered providers: working, needsAuth, health and models')
    .option('--config <file>', 'switchyard.config.json to read')
    .option('--plugin <module>', pluginHelp, collect)
    .action(async (flags: { config?: string; plugin?: string[] }) => {
      const { runProviders } = await import('./commands/providers-command.js');
      code = await runProviders(flags, io.stdout);
    });

  program
    .command('chat')
    .description('stream an answer to stdout; progress, failed attempts and who served go to stderr')
    .argument('<prompt...>', 'what to ask')
    .option('-p, --provider <name>', 'the provider to ask (default OpenAssistant, which needs --base-url)')
    .option('--fallback <a,b,c>', 'a fallback chain of provider names, in order (instead of --provider)')
    .option('-m, --model <model>', 'the model (default: the provider’s default)')
    .option('--base-url <url>', 'point the provider asked (or the first of the chain) at this URL', httpUrl)
    .option('--api-key <key>', 'the API key of the provider asked (else SWITCHYARD_API_KEY, OPENAI_API_KEY …)')
    .option('--cookies <file>', 'a cookie file: JSON export, cookies.txt or HAR')
    .option('--cookie <name=value>', 'a cookie to send; repeatable', collect)
    .option('--proxy <url>', 'an http, https or socks5 proxy')
    .option('--timeout <duration>', 'give up after this long: 90 (seconds), 90s, 1500ms, 2m', durationFlag)
    .option('--config <file>', 'switchyard.config.json to read')
    .option('--plugin <module>', pluginHelp, collect)
    .option('--system <text>', 'a system message')
    .option('--temperature <n>', 'sampling temperature, 0 to 2', number)
    .option('--top-p <n>', 'nucleus sampling, above 0 up to 1', number)
    .option('--top-k <n>', 'top-k sampling', integer)
    .option('--max-tokens <n>', 'the longest answer, in tokens', integer)
    .option('-v, --verbose', 'a debug log on stderr (secrets redacted)')
    .action(async (prompt: string[], flags: Parameters<typeof runChat>[1]) => {
      const { runChat } = await import('./commands/chat-command.js');
      code = await runChat(prompt.join(' '), flags, io);
    });

  program
    .command('emulate')
    .description('run a provider emulator on 127.0.0.1 to talk to, until Ctrl-C; prints a chat line for it')
    .addOption(
      new Option('--protocol <protocol>', 'the protocol it speaks').choices(emulatedProtocols).default('openassistant'),
    )
    .option('--port <n>', 'the port (default: a free one)', port)
    .action(async (flags: Parameters<typeof runEmulate>[0]) => {
      const { runEmulate } = await import('./commands/emulate-command.js');
      code = await runEmulate(flags, io);
    });

  program
    .command('conformance')
    .description('run the conformance suite against the embedded emulators')
    .option('-p, --provider <name>', 'only this provider')
    .option('--config <file>', 'switchyard.config.json to read (its plugins too)')
    .option('--plugin <module>', `${pluginHelp}; its conformanceSubjects are run`, collect)
    .action(async (flags: Parameters<typeof runConformanceCommand>[0]) => {
      const { runConformanceCommand } = await import('./commands/conformance-command.js');
      code = await runConformanceCommand(flags, io, io.signal);
    });

  program
    .command('demo')
    .description('emulators, providers side by side, a fallback taking over, and the conformance table')
    .action(async () => {
      const { runDemo } = await import('./commands/demo-command.js');
      code = await runDemo(io, io.signal);
    });

  program
    .command('serve')
    .description('an OpenAI-compatible gateway (/v1/chat/completions) over the configured providers and chains')
    .option('--config <file>', 'switchyard.config.json to read (chains, keys, gateway limits)')
    .option('--port <n>', 'the port to listen on (default 8080)', port)
    .option('--host <host>', 'the address to listen on (default 127.0.0.1; any other needs client keys)')
    .option('--plugin <module>', pluginHelp, collect)
    .action(async (flags: { config?: string; port?: number; host?: string; plugin?: string[] }) => {
      const { runServe } = await import('./commands/serve-command.js');
      code = await runServe(flags, io);
    });

  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    if (!stdoutWasClosed(io.signal)) {
      const { explainError } = await import('./chat/explain-error.js');
      io.stderr.write(`error: ${explainError(error)}\n`);
      return exitCodeFor(error);
    }
  }
  // `| head` took what it wanted, whichever command was writing.
  return stdoutWasClosed(io.signal) ? exitCodes.closedPipe : code;
}
