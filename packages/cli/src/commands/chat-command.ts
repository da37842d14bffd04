import {
  AbortedError,
  type AnyProvider,
  type ChatRequest,
  type CookieStore,
  FallbackProvider,
  type FinishPart,
  type Messages,
  MissingAuthError,
} from '@switchyard/core';
import { ChatProgress } from '../chat/chat-progress.js';
import { cookiesFromFlags, loadCookieFile } from '../chat/cookie-flags.js';
import { cookieFileMismatch } from '../chat/cookie-mismatch.js';
import { missingCookiesFolder } from '../chat/cookies-folder-check.js';
import { type ExplainContext, explainError } from '../chat/explain-error.js';
import { checkWorking, lookUpProvider } from '../chat/provider-choice.js';
import { exitCodeFor, exitCodes } from '../exit-codes.js';
import { buildProviderScope, type ProviderScope } from '../provider-scope.js';
import { stdoutWasClosed } from '../stdout-closed.js';
import { progressLine } from '../terminal/progress-line.js';
import { terminalStyle } from '../terminal/terminal-style.js';
import { UsageError } from '../usage-error.js';

export interface ChatFlags {
  readonly provider?: string | undefined;
  readonly model?: string | undefined;
  readonly fallback?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly proxy?: string | undefined;
  readonly cookies?: string | undefined;
  readonly cookie?: readonly string[] | undefined;
  readonly config?: string | undefined;
  readonly plugin?: readonly string[] | undefined;
  readonly system?: string | undefined;
  readonly temperature?: number | undefined;
  readonly topP?: number | undefined;
  readonly topK?: number | undefined;
  readonly maxTokens?: number | undefined;
  /** Milliseconds. */
  readonly timeout?: number | undefined;
  readonly verbose?: boolean | undefined;
}

export interface ChatIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Aborts the call: Ctrl-C, or the reader of stdout going away. */
  readonly signal: AbortSignal;
  /** `process.env` unless set. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/** The provider every command asks when none is named: the project's origin, gpt4free's OpenAssistant. */
const defaultProvider = 'OpenAssistant';

function chainOf(fallback: string | undefined): string[] | undefined {
  if (fallback === undefined) return undefined;
  const names = fallback
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new UsageError('--fallback: expected provider names separated by commas, e.g. A,B');
  return names;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The flags as one request; settings a provider has no place for come back as warnings. */
function requestOf(
  prompt: string,
  flags: ChatFlags,
  signal: AbortSignal,
  hooks: Pick<ChatRequest, 'onAttempt' | 'onWarning'>,
): ChatRequest {
  const messages: Messages = [
    ...(flags.system === undefined ? [] : [{ role: 'system' as const, content: flags.system }]),
    { role: 'user', content: prompt },
  ];
  const cookies = cookiesFromFlags(flags.cookie ?? []);
  return {
    messages,
    model: flags.model,
    temperature: flags.temperature,
    topP: flags.topP,
    topK: flags.topK,
    maxOutputTokens: flags.maxTokens,
    proxy: flags.proxy,
    cookies: Object.keys(cookies).length === 0 ? undefined : cookies,
    timeouts: flags.timeout === undefined ? undefined : { totalMs: flags.timeout },
    signal,
    ...hooks,
  };
}

/**
 * Streams one answer to stdout as it arrives. On stderr: what it is doing while it waits (on a
 * terminal), each failed attempt of a chain as it fails, warnings, and who served.
 */
export async function runChat(prompt: string, flags: ChatFlags, io: ChatIo): Promise<number> {
  const env = io.env ?? process.env;
  // A debug log interleaved with a redrawn status line would garble both.
  const line = progressLine(io.stderr, { animate: flags.verbose !== true });
  const style = terminalStyle(io.stderr);
  const note = (text: string) => line.persist(style.yellow(`note: ${text}`));
  const context: { -readonly [K in keyof ExplainContext]: ExplainContext[K] } = {
    given: { temperature: flags.temperature, topP: flags.topP, topK: flags.topK, maxOutputTokens: flags.maxTokens },
  };
  let streamed = false;
  /** The provider a Ctrl-C interrupts: what it cleaned up upstream is what the message says. */
  let calling: AnyProvider | undefined;
  let scope: ProviderScope | undefined;
  try {
    if (flags.provider !== undefined && flags.fallback !== undefined) {
      throw new UsageError(
        '--provider and --fallback cannot be used together: --provider asks one provider, --fallback a chain ' +
          '(put the provider first in --fallback to try it first).',
      );
    }
    const chain = chainOf(flags.fallback);
    const asked = flags.provider ?? chain?.[0] ?? defaultProvider;
    const asksOpenAssistant = asked.toLowerCase() === defaultProvider.toLowerCase();
    if (flags.apiKey !== undefined && asksOpenAssistant) {
      throw new UsageError(
        '--api-key does not apply to OpenAssistant, which signs in with a browser session cookie: ' +
          '--cookies FILE or --cookie __Secure-next-auth.session-token=VALUE.',
      );
    }
    const cookieStore: CookieStore | undefined =
      flags.cookies === undefined ? undefined : await loadCookieFile(flags.cookies);
    scope = await buildProviderScope({
      configPath: flags.config,
      provider: asked,
      baseUrl: flags.baseUrl,
      apiKey: flags.apiKey ?? (asksOpenAssistant ? undefined : nonEmpty(env.SWITCHYARD_API_KEY)),
      cookies: cookieStore,
      plugins: flags.plugin,
      logLevel: flags.verbose === true ? 'debug' : undefined,
      env,
    });
    const { registry, config } = scope;
    context.registry = registry;
    const missingFolder = missingCookiesFolder(config, env);
    if (missingFolder !== undefined) note(missingFolder);
    const members = (chain ?? [asked]).map((name) => lookUpProvider(registry, name));
    const [first] = members as [AnyProvider, ...AnyProvider[]];
    const provider: AnyProvider = chain === undefined ? first : new FallbackProvider({ providers: members, registry });
    if (chain === undefined) {
      const notWorking = checkWorking(registry, first);
      if (notWorking !== undefined) note(notWorking);
    }
    context.cookieMismatch = cookieFileMismatch(flags.cookies, cookieStore, members);
    if (context.cookieMismatch !== undefined) {
      const { file, domains, host } = context.cookieMismatch;
      const held = domains.length === 0 ? 'no cookies' : `cookies for ${domains.join(', ')}`;
      note(`${file} holds ${held}, none for ${host}: none of them are sent.`);
    }

    const progress = new ChatProgress({
      line,
      style,
      members: members.map((member) => member.name),
      explain: (error) => explainError(error, context),
    });
    const tried = new Set<string>();
    calling = first;
    const request = requestOf(prompt, flags, io.signal, {
      onAttempt: (attempt) => {
        progress.attempt(attempt);
        tried.add(attempt.provider);
        calling = members.find((member) => !tried.has(member.name)) ?? calling;
      },
      onWarning: (warning) => note(warning.message),
    });
    // A lone provider without its credentials would only be refused: say what it needs now.
    if (chain === undefined && first.needsAuth && !first.hasCredentials(request)) {
      throw new MissingAuthError({ provider: first.name, hint: 'No credentials are configured for it.' });
    }
    let served = provider.name;
    let finish: FinishPart | undefined;
    progress.starting();
    try {
      for await (const part of provider.stream(request)) {
        progress.part(part);
        if (part.type === 'start') served = part.provider;
        else if (part.type === 'finish') finish = part;
        else if (part.type === 'text') {
          streamed = true;
          io.stdout.write(part.text);
        }
      }
    } finally {
      progress.done();
    }
    if (!streamed) {
      line.persist(
        `error: the answer was empty: ${served} finished (${finish?.finishReason ?? 'stop'}) without any text.`,
      );
      return exitCodes.failure;
    }
    io.stdout.write('\n');
    if (finish?.finishReason === 'length') note('the answer stopped at the token limit (--max-tokens).');
    line.persist(style.dim(`served by ${served}`));
    return exitCodes.ok;
  } catch (error) {
    line.clear();
    if (streamed) io.stdout.write('\n');
    // `| head` took what it wanted: nothing to say, and the status a shell expects of a closed pipe.
    if (stdoutWasClosed(io.signal)) return exitCodes.closedPipe;
    if (AbortedError.isInstance(error)) {
      line.persist(
        calling?.createsUpstreamChat === true
          ? 'interrupted; the call was cancelled and its chat deleted'
          : 'interrupted; the call was cancelled',
      );
    } else {
      line.persist(style.red(`error: ${explainError(error, context)}`));
    }
    return exitCodeFor(error);
  } finally {
    await scope?.close();
  }
}
