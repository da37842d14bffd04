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
  // Whatever fails from here on (a port in use, a host that needs keys), what the scope opened is closed.
  let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
  try {
    const { registry, config } = scope;
    const logger: Logger =
      config.logLevel === undefined || config.logLevel === 'silent'
        ? silentLogger
        : createConsoleLogger({ level: config.logLevel });
    gateway = await startGateway({
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
    if (!io.signal.aborted)
      await new Promise((resolve) => io.signal.addEventListener('abort', resolve, { once: true }));
    say(
      `shutting down: ${gateway.openRequests()} open request(s) get up to ${gateway.limits.shutdownGraceMs} ms to finish`,
    );
    await gateway.close();
    say('stopped');
    return exitCodes.ok;
  } finally {
    await gateway?.close();
    await scope.close();
    await closeDispatchers();
  }
}
