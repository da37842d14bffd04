import { closeDispatchers, createConsoleLogger, type Logger, silentLogger } from '@switchyard/core';
import { startGateway } from '@switchyard/gateway';
import { exitCodes } from '../exit-codes.js';
import { buildProviderScope } from '../provider-scope.js';

export interface ServeFlags {
  readonly config?: string | undefined;
  /** Modules that register providers, as `chat` takes them. */
  readonly plugin?: readonly string[] | undefined;
  readonly port?: number | undefined;
  readonly host?: string | undefined;
}

export interface ServeIo {
  readonly stdout: NodeJS.WritableStream;
  /** Aborted on SIGTERM or Ctrl-C: the gateway then shuts down gracefully. */
  readonly signal: AbortSignal;
}

/** The port `switchyard serve` listens on unless told. */
export const defaultServePort = 8080;

/**
 * Runs the OpenAI-compatible gateway over the configured providers and chains until SIGTERM (or
 * Ctrl-C), then shuts down gracefully: no new connections, open streams get the configured grace
 * period, the rest are cancelled upstream.
 */
export async function runServe(flags: ServeFlags, io: ServeIo): Promise<number> {
  const scope = await buildProviderScope({ configPath: flags.config, plugins: flags.plugin });
  const { registry, config } = scope;
  const logger: Logger =
    config.logLevel === undefined || config.logLevel === 'silent'
      ? silentLogger
      : createConsoleLogger({ level: config.logLevel });
  const gateway = await startGateway({
    registry,
    chains: config.chains,
    keys: config.keys,
    limits: config.gateway,
    host: flags.host ?? '127.0.0.1',
    port: flags.port ?? defaultServePort,
    logger,
  });
  const chains = Object.keys(config.chains ?? {});
  const say = (text: string) => io.stdout.write(`${text}\n`);
  say(`switchyard gateway listening on ${gateway.url}/v1`);
  say(`  providers: ${registry.names().join(', ')}`);
  say(`  chains: ${chains.length === 0 ? 'none configured' : chains.join(', ')}`);
  say(`  client keys: ${(config.keys ?? []).length > 0 ? 'required' : 'none (loopback only)'}`);
  try {
    if (!io.signal.aborted)
      await new Promise((resolve) => io.signal.addEventListener('abort', resolve, { once: true }));
    say(
      `shutting down: ${gateway.openRequests()} open request(s) get up to ${gateway.limits.shutdownGraceMs} ms to finish`,
    );
    await gateway.close();
    say('stopped');
    return exitCodes.ok;
  } finally {
    await gateway.close();
    await scope.close();
    await closeDispatchers();
  }
}
