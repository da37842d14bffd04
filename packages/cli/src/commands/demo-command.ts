import { closeDispatchers, FallbackProvider, ProviderRegistry } from '@switchyard/core';
import { startGateway } from '@switchyard/gateway';
import { registerOpenAICompatible } from '@switchyard/provider-openai-compatible';
import { registerOpenAssistant } from '@switchyard/provider-openassistant';
import {
  closedPort,
  formatReportTable,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import OpenAI from 'openai';
import { container } from 'tsyringe';
import { exitCodes } from '../exit-codes.js';
import { conformanceReport, conformanceSubjects } from './conformance-command.js';
import { providersTable } from './providers-command.js';

// What Open Assistant's own `_lorem` test worker streamed: lorem ipsum, a word at a time.
const loremTokens =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.'.split(
    /(?= )/,
  );

/**
 * The whole framework on one screen: two emulators on 127.0.0.1, three providers registered
 * through DI (one of them dead), an answer streamed through a fallback chain that has to skip
 * the dead one, the same chain served over HTTP by the gateway to the official openai client,
 * and the conformance table. Everything started here is stopped here.
 */
export async function runDemo(
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  signal: AbortSignal,
): Promise<number> {
  const say = (text: string) => io.stdout.write(`${text}\n`);
  const openAssistantServer = await startOpenAssistantServer({
    pendingIntervalMs: 150,
    defaultReply: { tokens: loremTokens, pendingEvents: 2, tokenDelayMs: 35 },
  });
  const openAIServer = await startOpenAICompatibleServer({ models: ['llama3.1:8b'] }).catch(async (error: unknown) => {
    await openAssistantServer.close();
    throw error;
  });
  try {
    const scope = container.createChildContainer();
    registerOpenAICompatible(scope, { name: 'Unreachable', baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
    registerOpenAssistant(scope, {
      baseUrl: openAssistantServer.url,
      cookies: { '__Secure-next-auth.session-token': openAssistantServer.sessionToken },
    });
    registerOpenAICompatible(scope, { name: 'LocalOpenAI', baseUrl: openAIServer.url, models: ['llama3.1:8b'] });
    const registry = scope.resolve(ProviderRegistry);

    say('1. Providers registered through DI');
    say(providersTable(registry));
    say('');
    say('2. One answer through the fallback chain Unreachable → OpenAssistant → LocalOpenAI (model _lorem)');
    const chain = new FallbackProvider({
      providers: ['Unreachable', 'OpenAssistant', 'LocalOpenAI'],
      registry,
      onAttempt: (attempt) => {
        if (attempt.outcome !== 'succeeded') say(`   ↳ ${attempt.outcome}, moving on. ${attempt.error?.message}`);
      },
    });
    let served = '';
    let first = true;
    for await (const delta of chain.createAsyncGenerator('_lorem', [{ role: 'user', content: 'Say something.' }], {
      signal,
      onAttempt: (attempt) => {
        if (attempt.outcome === 'succeeded') served = attempt.provider;
      },
    })) {
      io.stdout.write(first ? `   ${delta}` : delta);
      first = false;
    }
    say('');
    say(`   served by ${served}; chats left on the Open Assistant server: ${openAssistantServer.liveChats().length}`);
    say('');
    say('3. The same chain over HTTP: the gateway (switchyard serve), asked by the official openai npm client');
    const gateway = await startGateway({
      registry,
      chains: { demo: ['Unreachable', 'OpenAssistant', 'LocalOpenAI'] },
    });
    try {
      // No client keys on loopback; the client insists on some key all the same.
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'none-needed-on-loopback', maxRetries: 0 });
      const { data: stream, response } = await client.chat.completions
        .create({ model: 'demo', messages: [{ role: 'user', content: 'Say something.' }], stream: true }, { signal })
        .withResponse();
      io.stdout.write('   ');
      for await (const chunk of stream) io.stdout.write(chunk.choices[0]?.delta.content ?? '');
      say('');
      say(
        `   POST ${gateway.url}/v1/chat/completions {"model":"demo"} → served by ${response.headers.get('x-switchyard-provider')} (x-switchyard-attempts: ${response.headers.get('x-switchyard-attempts')})`,
      );
    } finally {
      await gateway.close({ graceMs: 0 });
    }
    say('');
    say('4. The conformance suite against the embedded emulators');
    let failed = 0;
    for (const subject of conformanceSubjects) {
      const report = await conformanceReport(subject, io.stderr, signal);
      say(formatReportTable(report));
      say('');
      failed += report.failed;
      if (signal.aborted) return exitCodes.interrupted;
    }
    return failed > 0 ? exitCodes.failure : exitCodes.ok;
  } catch (error) {
    if (signal.aborted) return exitCodes.interrupted;
    throw error;
  } finally {
    await openAssistantServer.close();
    await openAIServer.close();
    await closeDispatchers();
  }
}
