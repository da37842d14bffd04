import type { AnyProvider, TimeoutOverrides } from '@switchyard/core';
import type { DependencyContainer } from 'tsyringe';

/** How a provider authenticates against its emulator; the suite passes it through untouched. */
export interface ConformanceCredentials {
  readonly cookies?: Readonly<Record<string, string>> | undefined;
  readonly apiKey?: string | undefined;
}

/** A failure the emulator produces on the next call, in terms every protocol has. */
export type ConformanceFault =
  /**
   * A request of the call is answered with this status (and headers): the first, or with
   * `step: 'later'` the last before the stream, once the provider holds resources upstream.
   * `later` exists only on a target whose `hasLaterSteps` is true.
   */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly step?: 'first' | 'later';
    }
  /** Tokens, then the server reports an error inside the stream. */
  | { readonly kind: 'upstream-error'; readonly tokensBefore: readonly string[]; readonly message: string }
  /** Tokens, then the TCP connection is cut. */
  | { readonly kind: 'drop-mid-stream'; readonly tokensBefore: readonly string[] }
  /** Tokens, then bytes that break the stream's format. */
  | { readonly kind: 'malformed'; readonly tokensBefore: readonly string[] }
  /** The stream opens and never delivers a token (keep-alives allowed). */
  | { readonly kind: 'stall-before-first-token' }
  /** Tokens, then silence with the socket held open. */
  | { readonly kind: 'stall-mid-stream'; readonly tokensBefore: readonly string[] }
  /** The request that opens the answer stream is accepted and never answered: no status, no headers. */
  | { readonly kind: 'stall-before-headers' };

export interface ScriptedAnswer {
  readonly tokens: readonly string[];
  /** After the first token the server sends nothing more until this settles. */
  readonly holdAfterFirst?: Promise<unknown> | undefined;
  /** The server waits this long before each token after the first, as a slow model does. */
  readonly tokenDelayMs?: number | undefined;
}

/** One running emulator, scriptable by the suite. */
export interface ConformanceTarget {
  readonly baseUrl: string;
  readonly credentials: ConformanceCredentials;
  /** The credential value that must reach the target's host and nothing else. */
  readonly secret: string;
  /**
   * Whether a call makes requests after its first one before the stream, so a status fault with
   * `step: 'later'` hits another request than the first. False for a one-request protocol.
   */
  readonly hasLaterSteps: boolean;
  answerNext(answer: ScriptedAnswer): void;
  failNext(fault: ConformanceFault): void;
  /** The model each answer was asked of, as the request on the wire named it, in order. */
  requestedModels(): string[];
  /** Requests the emulator has received, with the headers they carried. */
  requests(): ReadonlyArray<{ readonly path: string; readonly headers: Readonly<Record<string, unknown>> }>;
  /** What a provider left behind on the server (live chats, open streams); empty when clean. */
  leftovers(): string[];
  /** Answer streams (and stalled requests) the server holds open right now. */
  openStreams(): number;
  /** TCP connections the server has accepted: each came either from the provider or from a proxy. */
  connectionsAccepted(): number;
  close(): Promise<void>;
}

export interface ProviderTarget {
  readonly baseUrl: string;
  readonly credentials: ConformanceCredentials;
  readonly timeouts?: TimeoutOverrides | undefined;
}

/** What a provider package hands the suite: how to start its emulator and make the provider. */
export interface ConformanceSubject {
  /** The provider's registry name. */
  readonly name: string;
  startTarget(): Promise<ConformanceTarget>;
  /**
   * The provider pointed at `target`, with exactly its credentials: given none, it has none, so
   * `cookies.per-call` can build it bare and hand the cookies to each call instead.
   */
  createProvider(target: ProviderTarget): AnyProvider;
  /** Registers the provider in `container` under `PROVIDER`, as its package does. */
  register(container: DependencyContainer, target: ProviderTarget): void;
}
