// One member of a fleet, as its own process: a ProviderHealth on the shared RedisHealthStore and
// a FallbackProvider over one OpenAI-compatible upstream, scripted by its parent over IPC.
// Plain JavaScript on the built packages, so it runs under `node` as any app would.
import 'reflect-metadata';
import { AllProvidersFailedError, closeDispatchers, FallbackProvider, ProviderHealth } from '@switchyard/core';
import { RedisHealthStore } from '@switchyard/health-redis';
import { OpenAICompatible } from '@switchyard/provider-openai-compatible';

const env = process.env;
const member = env.SWITCHYARD_FLEET_MEMBER ?? '?';
const send = (message) => process.send?.(message);
const logger = {
  debug() {},
  info: (message) => send({ type: 'log', level: 'info', message }),
  warn: (message) => send({ type: 'log', level: 'warn', message }),
  error: (message) => send({ type: 'log', level: 'error', message }),
};
const store = new RedisHealthStore({
  url: env.SWITCHYARD_FLEET_REDIS_URL,
  keyPrefix: env.SWITCHYARD_FLEET_KEY_PREFIX,
  recoveryIntervalMs: 100,
  logger,
});
const health = new ProviderHealth(undefined, JSON.parse(env.SWITCHYARD_FLEET_POLICY ?? '{}'), store);
const upstream = new OpenAICompatible({
  name: 'Upstream',
  baseUrl: env.SWITCHYARD_FLEET_UPSTREAM_URL,
  apiKey: 'sk-fleet',
  models: ['fleet-model'],
  headers: { 'x-fleet-member': member },
});
const chain = new FallbackProvider({ providers: [upstream], health });
const messages = [{ role: 'user', content: 'Are you up?' }];

/** 'served', or how the one provider's attempt ended: 'skipped' or 'failed'. */
async function call() {
  try {
    await chain.createCompletion(undefined, messages);
    return 'served';
  } catch (error) {
    if (AllProvidersFailedError.isInstance(error)) return error.attempts[0]?.outcome ?? 'no attempt';
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const calls = (count) => Promise.all(Array.from({ length: count }, call));

async function waitFor(status) {
  const deadline = Date.now() + 15_000;
  while (health.entry('Upstream').status !== status && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return health.entry('Upstream');
}

const handlers = {
  calls: ({ count }) => calls(count),
  // Calls made only while this process is sure the breaker is still cooling down, so what the
  // upstream sees cannot be a legitimate probe from a slow machine.
  'calls-while-cooling': async ({ count, marginMs }) => {
    const entry = health.entry('Upstream');
    if (entry.status !== 'cooling-down' || entry.cooldownLeftMs < marginMs) return { tooLate: entry };
    return { outcomes: await calls(count) };
  },
  entry: () => health.entry('Upstream'),
  'wait-for': ({ status }) => waitFor(status),
  async exit() {
    await store.close();
    await closeDispatchers();
    setImmediate(() => process.exit(0));
    return 'bye';
  },
};

process.on('message', async (message) => {
  const result = await handlers[message.type](message);
  send({ type: 'result', id: message.id, result });
});
process.on('disconnect', () => process.exit(0));

send({ type: 'started', shared: await store.ready(10_000) });
