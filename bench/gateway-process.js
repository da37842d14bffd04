// Switchyard's gateway in a process of its own, over one OpenAI-compatible provider pointed at the
// benchmark's emulator (argv[2]). Reports its URL, and its RSS when asked, over IPC.
import 'reflect-metadata';
import { ProviderRegistry } from '@switchyard/core';
import { startGateway } from '@switchyard/gateway';
import { registerOpenAICompatible } from '@switchyard/provider-openai-compatible';
import { container } from 'tsyringe';

const scope = container.createChildContainer();
registerOpenAICompatible(scope, {
  name: 'Bench',
  baseUrl: process.argv[2],
  apiKey: 'sk-bench',
  models: ['bench-model'],
});
const gateway = await startGateway({ registry: scope.resolve(ProviderRegistry), chains: { bench: ['Bench'] } });
process.on('message', (message) => {
  if (message.type === 'rss') {
    globalThis.gc?.();
    process.send({ type: 'rss', rss: process.memoryUsage().rss });
  }
});
process.on('disconnect', async () => {
  await gateway.close({ graceMs: 0 });
  process.exit(0);
});
process.send({ type: 'ready', url: gateway.url });
