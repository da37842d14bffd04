import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError, parseConfigValue, silentLogger } from '@switchyard/core';
import { ClientKeys } from './client-keys.js';
import { type GatewayLimits, resolveGatewayLimits } from './gateway-limits.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { type GatewayOptions, gatewayOptionsSchema } from './gateway-options.js';
import { createRequestHandler } from './gateway-request-handler.js';
import { InFlightRequests } from './in-flight-requests.js';
import { isLoopbackHost } from './loopback-host.js';
import { ModelRoutes } from './model-routes.js';
import { RateLimitMemory } from './rate-limit-memory.js';
import { SecretScrubber } from './secret-scrubber.js';

export interface CloseOptions {
  /** How long open requests may go on before they are cancelled upstream; the configured grace by default. */
  readonly graceMs?: number | undefined;
}

export interface RunningGateway {
  /** `http://host:port`; clients use `${url}/v1` as their base URL. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly limits: GatewayLimits;
  /** Chat completions in flight now. */
  openRequests(): number;
  /**
   * Graceful shutdown: stops accepting connections, lets open requests finish within the grace
   * period, then cancels the rest upstream (each client gets an error it can read) and resolves
   * once every connection is closed.
   */
  close(options?: CloseOptions): Promise<void>;
}

/**
 * Starts an OpenAI-compatible server over a registry and its chains: `POST /v1/chat/completions`
 * (streaming and not), `GET /v1/models`, `/health`, `/ready` and `/metrics`. Options are
 * validated before anything listens; without client keys only a loopback host is allowed.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const valid = parseConfigValue(gatewayOptionsSchema, options, 'startGateway options');
  const host = valid.host ?? '127.0.0.1';
  const keys = new ClientKeys(valid.keys ?? []);
  if (!keys.required && !isLoopbackHost(host)) {
    throw new ConfigurationError({
      source: 'startGateway options',
      problems: [
        `host: ${JSON.stringify(host)} is reachable from other machines, and no client keys are configured; set keys (or SWITCHYARD_GATEWAY_KEYS), or listen on 127.0.0.1`,
      ],
    });
  }
  const limits = resolveGatewayLimits(valid.limits);
  const registry = valid.registry;
  const inFlight = new InFlightRequests(limits.maxConcurrentRequests);
  const metrics = new GatewayMetrics(registry, () => inFlight.size);
  let closing = false;
  const handler = createRequestHandler({
    registry,
    routes: new ModelRoutes(registry, valid.chains ?? {}),
    keys,
    limits,
    inFlight,
    metrics,
    failures: {
      rateLimits: new RateLimitMemory(),
      health: registry.health,
      scrubber: new SecretScrubber(valid.keys ?? []),
    },
    logger: valid.logger ?? silentLogger,
    closing: () => closing,
  });

  const server = createServer(
    {
      noDelay: true,
      keepAlive: true,
      // How often the headers and request timeouts are checked (Node's default is every 30 s).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs, limits.requestTimeoutMs),
    },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  // A burst of clients connecting at once must not overflow the accept queue (Node's default is 511).
  server.listen({ host, port: valid.port ?? 0, backlog: Math.max(511, limits.maxConcurrentRequests) });
  // once() rejects on 'error' by itself, and leaves no listener behind either way.
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;

  async function shutDown(graceMs: number): Promise<void> {
    closing = true;
    const serverClosed = once(server, 'close');
    // close() also closes the idle keep-alive connections (Node 19 and later).
    server.close();
    await inFlight.settled(graceMs);
    inFlight.cancelAll(new Error('the gateway is shutting down'));
    await inFlight.settled(Number.POSITIVE_INFINITY);
    server.closeIdleConnections();
    // The last responses flush and their connections close; one a client still holds open after that is cut.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([serverClosed, new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
    clearTimeout(timer);
    server.closeAllConnections();
    await serverClosed;
  }

  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    limits,
    openRequests: () => inFlight.size,
    close(closeOptions = {}) {
      closed ??= shutDown(closeOptions.graceMs ?? limits.shutdownGraceMs);
      return closed;
    },
  };
}
