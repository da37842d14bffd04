import { Agent, buildConnector, type Dispatcher, Pool, ProxyAgent, Socks5ProxyAgent } from 'undici';

const keepAliveTimeoutMs = 10_000;
/** Enough for every proxy and timeout a process really uses; more means callers vary them per call. */
const maxDispatchers = 32;
const dispatchers = new Map<string, Dispatcher>();

/**
 * One keep-alive dispatcher per (proxy, connect timeout) for the whole process, so repeated
 * calls reuse sockets. undici fixes the connect timeout per dispatcher, hence the key.
 */
export function getDispatcher(options: { proxy?: string | undefined; connectMs: number }): Dispatcher {
  const key = `${options.proxy ?? 'direct'}\n${options.connectMs}`;
  let dispatcher = dispatchers.get(key);
  if (dispatcher === undefined) {
    dispatcher = createDispatcher(options.proxy, options.connectMs);
    dispatchers.set(key, dispatcher);
    if (dispatchers.size > maxDispatchers) retireOldest();
  } else {
    // Most recently used last, so the oldest is the least recently used.
    dispatchers.delete(key);
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

/** Closes the least recently used dispatcher; `close` lets its requests in flight finish first. */
function retireOldest(): void {
  const [key, oldest] = dispatchers.entries().next().value ?? [];
  if (key === undefined || oldest === undefined) return;
  dispatchers.delete(key);
  oldest.close().catch(() => undefined);
}

function createDispatcher(proxy: string | undefined, connectMs: number): Dispatcher {
  if (proxy === undefined) {
    return new Agent({ connect: { timeout: connectMs }, keepAliveTimeout: keepAliveTimeoutMs });
  }
  if (proxy.startsWith('socks')) {
    // Built directly: through ProxyAgent, TLS settings meant as a connect timeout would turn
    // the hop to the SOCKS server into TLS.
    return withoutSocksExperimentalWarning(
      () => new Socks5ProxyAgent(proxy, { connect: buildConnector({ timeout: connectMs }) }),
    );
  }
  return new ProxyAgent({
    uri: proxy,
    keepAliveTimeout: keepAliveTimeoutMs,
    proxyTls: { timeout: connectMs },
    requestTls: { timeout: connectMs },
    // The proxy's answer to CONNECT is part of connecting: bounded by the connect timeout, not
    // undici's five-minute default.
    clientFactory: (origin, options) => new Pool(origin, { ...options, headersTimeout: connectMs }),
  });
}

/** undici's words, matched whole, so that no other warning is ever held back. */
const socksExperimentalWarning = 'SOCKS5 proxy support is experimental and subject to change';

/**
 * undici warns once per process, from Socks5ProxyAgent's constructor, that its SOCKS5 support is
 * experimental. Switchyard pins undici and tests SOCKS5 against real proxies, so the warning only
 * tells the users of a CLI or a library something they cannot act on. It is dropped around the
 * synchronous construction alone, and only that warning: every other one passes through.
 */
function withoutSocksExperimentalWarning<T>(create: () => T): T {
  const emitWarning = process.emitWarning;
  const filtered = (warning: string | Error, ...rest: unknown[]): void => {
    if (warning === socksExperimentalWarning && warningType(rest[0]) === 'ExperimentalWarning') return;
    Reflect.apply(emitWarning, process, [warning, ...rest]);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
  try {
    return create();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** `emitWarning(message, type)` or `emitWarning(message, { type })`. */
function warningType(typeOrOptions: unknown): unknown {
  if (typeof typeOrOptions === 'object' && typeOrOptions !== null && 'type' in typeOrOptions) {
    return typeOrOptions.type;
  }
  return typeOrOptions;
}

/** Closes every pooled connection, for a process that wants to exit without waiting for keep-alive. */
export async function closeDispatchers(): Promise<void> {
  const open = [...dispatchers.values()];
  dispatchers.clear();
  await Promise.all(open.map((dispatcher) => dispatcher.close()));
}
