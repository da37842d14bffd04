// The main job for now: an Open Assistant emulator on 127.0.0.1, the OpenAssistant provider
// registered through DI and pointed at it, the registry listing what it holds, and one answer
// streamed as it arrives. Everything started here is stopped here.
import { closeDispatchers, ProviderRegistry } from '@switchyard/core';
import { registerOpenAssistant } from '@switchyard/provider-openassistant';
import { startOpenAssistantServer } from '@switchyard/testing';
import { container } from 'tsyringe';

const emulator = await startOpenAssistantServer({
  pendingIntervalMs: 100,
  defaultReply: {
    pendingEvents: 3,
    tokenDelayMs: 40,
    tokens: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.'.split(/(?= )/),
  },
});

try {
  const scope = container.createChildContainer();
  registerOpenAssistant(scope, {
    baseUrl: emulator.url,
    cookies: { '__Secure-next-auth.session-token': emulator.sessionToken },
  });
  const registry = scope.resolve(ProviderRegistry);

  console.log('Registered providers:');
  for (const provider of registry.list()) {
    const health = registry.isWorking(provider) ? 'working' : 'not working';
    console.log(
      `  ${provider.name} (${provider.url}): ${health}, needsAuth=${provider.needsAuth}, ${provider.models.length} models`,
    );
  }

  const provider = registry.get('openassistant');
  console.log(`\nStreaming from ${provider.name} (model _lorem):`);
  process.stdout.write('  ');
  for await (const delta of provider.createAsyncGenerator('_lorem', [{ role: 'user', content: 'Say something.' }])) {
    process.stdout.write(delta);
  }
  process.stdout.write('\n');
  console.log(`\nChats left on the server: ${emulator.liveChats().length}`);
} finally {
  await emulator.close();
  await closeDispatchers();
}
