import {
  AbortedError,
  AllProvidersFailedError,
  type AnyProvider,
  type AttemptRecord,
  type ChatRequest,
  CookieStore,
  FallbackProvider,
  type Messages,
} from '@switchyard/core';
import { exitCodeFor, exitCodes } from '../exit-codes.js';
import { buildProviderScope } from '../provider-scope.js';

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

function describeAttempt(attempt: AttemptRecord): string {
  const why = attempt.error === undefined ? '' : `: ${attempt.error.message}`;
  return `  ${attempt.provider} (try ${attempt.attempt}) ${attempt.outcome}${why}`;
}

/** The flags as one request; settings a provider has no place for come back as warnings. */
function requestOf(prompt: string, flags: ChatFlags, io: ChatIo, hooks: Pick<ChatRequest, 'onAttempt' | 'onWarning'>) {
  const messages: Messages = [
    ...(flags.system === undefined ? [] : [{ role: 'system' as const, content: flags.system }]),
    { role: 'user', content: prompt },
  ];
  return {
    messages,
    model: flags.model,
    temperature: flags.temperature,
    topP: flags.topP,
    topK: flags.topK,
    maxOutputTokens: flags.maxTokens,
    proxy: flags.proxy,
    signal: io.signal,
    ...hooks,
  } satisfies ChatRequest;
}

/** Streams one answer to stdout as it arrives; who served, warnings and failed attempts go to stderr. */
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
    const cookies = new CookieStore();
    if (flags.cookies !== undefined) await cookies.loadFile(flags.cookies);
    const { registry } = await buildProviderScope({
      configPath: flags.config,
      provider: flags.provider ?? names?.[0] ?? 'OpenAssistant',
      baseUrl: flags.baseUrl,
      cookies: flags.cookies === undefined ? undefined : cookies,
    });
    const members = (names ?? [flags.provider ?? 'OpenAssistant']).map((name) => registry.get(name));
    const provider: AnyProvider =
      names === undefined ? (members[0] as AnyProvider) : new FallbackProvider({ providers: members, registry });
    const tried = new Set<string>();
    calling = members[0];
    const request = requestOf(prompt, flags, io, {
      onAttempt: (attempt) => {
        if (attempt.outcome === 'succeeded') return;
        // Said as each attempt fails, not after the answer.
        write(describeAttempt(attempt));
        tried.add(attempt.provider);
        calling = members.find((member) => !tried.has(member.name)) ?? calling;
      },
      onWarning: (warning) => write(`note: ${warning.message}`),
    });
    let served = provider.name;
    for await (const part of provider.stream(request)) {
      if (part.type === 'start') served = part.provider;
      else if (part.type === 'text') {
        streamed = true;
        io.stdout.write(part.text);
      }
    }
    io.stdout.write('\n');
    write(`served by ${served}`);
    return exitCodes.ok;
  } catch (error) {
    if (streamed) io.stdout.write('\n');
    if (AllProvidersFailedError.isInstance(error)) {
      write('every provider failed');
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
