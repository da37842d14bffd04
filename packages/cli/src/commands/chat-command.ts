import {
  AbortedError,
  AllProvidersFailedError,
  type AnyProvider,
  type AttemptRecord,
  CookieStore,
  FallbackProvider,
  type Messages,
} from '@switchyard/core';
import { exitCodeFor, exitCodes } from '../exit-codes.js';
import { buildProviderScope, isOpenAssistant } from '../provider-scope.js';

export interface ChatFlags {
  readonly provider?: string | undefined;
  readonly model?: string | undefined;
  readonly fallback?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly proxy?: string | undefined;
  readonly cookies?: string | undefined;
  readonly config?: string | undefined;
  readonly system?: string | undefined;
  readonly temperature?: number | undefined;
  readonly topP?: number | undefined;
  readonly topK?: number | undefined;
  readonly maxTokens?: number | undefined;
}

export interface ChatIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Aborts the call: Ctrl-C. */
  readonly signal: AbortSignal;
}

/** The sampling flags in the parameter names each provider takes; only flags given are sent. */
function samplingFor(provider: AnyProvider, flags: ChatFlags): Record<string, unknown> {
  const given = <T>(value: T | undefined, key: string) => (value === undefined ? {} : { [key]: value });
  return {
    ...given(flags.temperature, 'temperature'),
    ...given(flags.topP, 'topP'),
    // Only Open Assistant samples with top-k; other providers would rightly reject the key.
    ...(isOpenAssistant(provider) ? given(flags.topK, 'topK') : {}),
    ...given(flags.maxTokens, isOpenAssistant(provider) ? 'maxNewTokens' : 'maxTokens'),
  };
}

function describeAttempt(attempt: AttemptRecord): string {
  const why = attempt.error === undefined ? '' : `: ${attempt.error.message}`;
  return `  ${attempt.provider} (try ${attempt.attempt}) ${attempt.outcome}${why}`;
}

/** Streams one answer to stdout as it arrives; who served and what failed go to stderr. */
export async function runChat(prompt: string, flags: ChatFlags, io: ChatIo): Promise<number> {
  const write = (text: string) => io.stderr.write(`${text}\n`);
  let streamed = false;
  /** The provider a Ctrl-C interrupts: what it cleaned up upstream is what the message says. */
  let calling: AnyProvider | undefined;
  try {
    const names = flags.fallback
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const { registry } = await buildProviderScope({
      configPath: flags.config,
      provider: flags.provider ?? names?.[0] ?? 'OpenAssistant',
      baseUrl: flags.baseUrl,
    });
    const store = new CookieStore();
    if (flags.cookies !== undefined) await store.loadFile(flags.cookies);
    // A chain asks for each member's options as it turns to that member.
    const optionsFor = (provider: AnyProvider) => {
      calling = provider;
      return {
        ...samplingFor(provider, flags),
        ...(flags.cookies === undefined ? {} : { cookies: store.getCookies(provider.url) }),
      };
    };
    const messages: Messages = [
      ...(flags.system === undefined ? [] : [{ role: 'system' as const, content: flags.system }]),
      { role: 'user', content: prompt },
    ];
    const attempts: AttemptRecord[] = [];
    const common = { signal: io.signal, ...(flags.proxy === undefined ? {} : { proxy: flags.proxy }) };
    // A chain takes options per provider and reports its attempts; one provider takes them directly.
    const provider: AnyProvider =
      names === undefined
        ? registry.get(flags.provider ?? 'OpenAssistant')
        : new FallbackProvider({ providers: names, registry, onAttempt: (attempt) => attempts.push(attempt) });
    const options = names === undefined ? { ...common, ...optionsFor(provider) } : { ...common, optionsFor };
    for await (const delta of provider.createAsyncGenerator(flags.model, messages, options)) {
      streamed = true;
      io.stdout.write(delta);
    }
    io.stdout.write('\n');
    write(`served by ${attempts.at(-1)?.provider ?? provider.name}`);
    for (const attempt of attempts.slice(0, -1)) write(describeAttempt(attempt));
    return exitCodes.ok;
  } catch (error) {
    if (streamed) io.stdout.write('\n');
    if (AllProvidersFailedError.isInstance(error)) {
      write('every provider failed:');
      for (const attempt of error.attempts) write(describeAttempt(attempt));
    } else if (AbortedError.isInstance(error)) {
      write(
        calling?.createsUpstreamChat === true
          ? 'interrupted; the call was cancelled and its chat deleted'
          : 'interrupted; the call was cancelled',
      );
    } else {
      write(`error: ${error instanceof Error ? error.message : String(error)}`);
    }
    return exitCodeFor(error);
  }
}
