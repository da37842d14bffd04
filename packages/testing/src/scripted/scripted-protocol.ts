import type { IncomingHttpHeaders } from 'node:http';

/** An answer the server gives instead of a stream: a status, its body and headers. */
export interface ProtocolErrorAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** What a streamed answer reports at its end. */
export interface AnswerSummary {
  readonly finishReason: 'stop' | 'length';
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * One answer's events in the protocol's own words. Stateful per answer, so a protocol with
 * content blocks (Anthropic's) can open and close them as the kinds change.
 */
export interface StreamEncoder {
  /** What opens the answer before any token: a `message_start`, a role chunk; may be empty. */
  start(): string;
  text(delta: string): string;
  reasoning(delta: string): string;
  /** The protocol's error event inside the stream. */
  error(message: string): string;
  /** What completes the answer: finish reason, usage, the final event. */
  finish(summary: AnswerSummary): string;
  /** Sent now and then while an answer is held before its first token (a ping, a queue position). */
  keepAlive?(): string;
  /** Bytes that break the framing or the JSON, as a broken server sends them. */
  malformed(): string;
}

/** A request as the protocol reads it. */
export interface ProtocolRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly json: Readonly<Record<string, unknown>>;
}

/**
 * A protocol, as the scripted emulator needs it: where it answers, how it authenticates, how it
 * rejects a request and how it encodes an answer. Everything else (scripting, pacing, faults,
 * recording, cleanup) is the emulator's.
 */
export interface ScriptedProtocol {
  readonly name: string;
  /** The path a completion is asked at, e.g. `/v1/messages`. */
  readonly path: string;
  /** Where a request names its model; `model` by default. */
  readonly modelField?: string | undefined;
  /** Checks the request's credentials against `apiKey`; an error answer when they do not pass. */
  authenticate(headers: IncomingHttpHeaders, apiKey: string): ProtocolErrorAnswer | undefined;
  /** Reads the body (undefined when it was not JSON); an error answer when the protocol rejects it. */
  readRequest(
    body: unknown,
    headers: IncomingHttpHeaders,
    models: readonly string[],
  ): ProtocolRequest | ProtocolErrorAnswer;
  /** The answer the protocol gives with `status` (an error envelope), for injected status faults. */
  errorAnswer(status: number, message?: string): ProtocolErrorAnswer;
  /** A new encoder for one streamed answer. */
  streamEncoder(request: ProtocolRequest): StreamEncoder;
  /** The whole answer as one JSON body, for `stream: false`. */
  completeBody(request: ProtocolRequest, answer: { text: string; reasoning: string } & AnswerSummary): unknown;
  /** Content type of a streamed answer; `text/event-stream` by default. */
  readonly streamContentType?: string | undefined;
}

/** How a scripted answer ends. */
export type ScriptedEnding =
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly message: string }
  /** What was written reaches the client, then the TCP connection is destroyed. */
  | { readonly kind: 'drop' }
  /** The body ends cleanly without the final event. */
  | { readonly kind: 'close' }
  /** The socket stays open and silent until the client leaves (keep-alives, if the protocol has them). */
  | { readonly kind: 'stall' }
  | { readonly kind: 'malformed' };

/** What the emulated model answers to one request. */
export interface ScriptedProtocolReply {
  readonly tokens?: readonly string[] | undefined;
  /** Reasoning streamed before the tokens. */
  readonly reasoning?: readonly string[] | undefined;
  /** Delay before each token (and reasoning delta) after the first. */
  readonly tokenDelayMs?: number | undefined;
  /** Stops after the token at `index` until `until` settles: proves a client streams. */
  readonly holdAfterToken?: { readonly index: number; readonly until: Promise<unknown> } | undefined;
  readonly finishReason?: 'stop' | 'length' | undefined;
  readonly end?: ScriptedEnding | undefined;
}
