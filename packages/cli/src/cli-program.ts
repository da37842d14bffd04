import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runChat } from './commands/chat-command.js';
import { runConformanceCommand } from './commands/conformance-command.js';
import { runDemo } from './commands/demo-command.js';
import { runProviders } from './commands/providers-command.js';
import { runServe } from './commands/serve-command.js';
import { exitCodeFor, exitCodes } from './exit-codes.js';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
}

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

/** Parses `argv` (without node and the script) and runs the command; resolves to the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let code: number = exitCodes.ok;
  const program = new Command('switchyard')
    .description('Stream text from many LLM providers, with fallback and a conformance suite.')
    .exitOverride()
    .showHelpAfterError('(run switchyard --help for the commands and their options)')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  program
    .command('providers')
    .description('list the registered providers: working, needsAuth, health and models')
    .option('--config <file>', 'switchyard.config.json to read')
    .action(async (flags: { config?: string }) => {
      code = await runProviders(flags, io.stdout);
    });

  program
    .command('chat')
    .description('stream an answer to stdout; who served and what failed go to stderr')
    .argument('<prompt...>', 'what to ask')
    .option('-p, --provider <name>', 'the provider to ask (default OpenAssistant)')
    .option('-m, --model <model>', 'the model (default: the provider’s default)')
    .option('--fallback <a,b,c>', 'a fallback chain of provider names, in order')
    .option('--base-url <url>', 'point the provider (or the first of the chain) at this URL')
    .option('--proxy <url>', 'an http, https or socks5 proxy')
    .option('--cookies <file>', 'a cookie file (JSON export, cookies.txt or HAR)')
    .option('--config <file>', 'switchyard.config.json to read')
    .option('--system <text>', 'a system message')
    .option('--temperature <n>', 'sampling temperature', number)
    .option('--top-p <n>', 'nucleus sampling', number)
    .option('--top-k <n>', 'top-k sampling (Open Assistant)', integer)
    .option('--max-tokens <n>', 'the longest answer, in tokens', integer)
    .action(async (prompt: string[], flags: Parameters<typeof runChat>[1]) => {
      code = await runChat(prompt.join(' '), flags, io);
    });

  program
    .command('conformance')
    .description('run the conformance suite against the embedded emulators')
    .option('-p, --provider <name>', 'only this provider')
    .action(async (flags: { provider?: string }) => {
      code = await runConformanceCommand(flags, io, io.signal);
    });

  program
    .command('demo')
    .description('emulators, providers side by side, a fallback taking over, and the conformance table')
    .action(async () => {
      code = await runDemo(io, io.signal);
    });

  program
    .command('serve')
    .description('an OpenAI-compatible gateway (/v1/chat/completions) over the configured providers and chains')
    .option('--config <file>', 'switchyard.config.json to read (chains, keys, gateway limits)')
    .option('--port <n>', 'the port to listen on (default 8080)', integer)
    .option('--host <host>', 'the address to listen on (default 127.0.0.1; any other needs client keys)')
    .action(async (flags: { config?: string; port?: number; host?: string }) => {
      code = await runServe(flags, io);
    });

  try {
    await program.parseAsync([...args], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodeFor(error);
  }
}
