import { z } from 'zod';
import type { AttemptRecord } from '../errors/all-providers-failed-error.js';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Logger } from '../logging/logger.js';
import { redactingLogger } from '../logging/redacting-logger.js';
import { silentLogger } from '../logging/silent-logger.js';
import { createCallSignal } from '../transport/call-signal.js';
import { mergeTimeouts, type TimeoutOverrides, type Timeouts } from '../transport/timeouts.js';
import { parseRequestInput } from '../validation/parse-request-input.js';
import { BoundCall } from './bound-call.js';
import {
  type CallOptions,
  type ChatRequest,
  callOptionsSchema,
  chatRequestSchema,
  type StandardSettingName,
} from './chat-request.js';
import type { ChatResult, Completion } from './chat-result.js';
import { collectChatResult } from './collect-chat-result.js';
import { DeliveredText } from './delivered-text.js';
import { interruptionOf } from './interruption.js';
import { type Messages, messagesSchema } from './message.js';
import { copyOfMessages, isPlainCallOptions, isPlainChatRequest, isPlainMessages } from './plain-chat-request.js';
import type { ProviderCall } from './provider-call.js';
import type { ProviderCapabilities } from './provider-capabilities.js';
import { providerOptionsEntry } from './provider-options-entry.js';
import { type RunContext, runValidated } from './run-validated.js';
import type { StreamPart } from './stream-part.js';

/** Settings every provider takes at construction, below its own. */
export interface ProviderSettings {
  readonly timeouts?: TimeoutOverrides | undefined;
  readonly logger?: Logger | undefined;
  /** The proxy for every call that names none. */
  readonly proxy?: string | undefined;
}

const noOptions = z.strictObject({});
const modelSchema = z.string();

/**
 * The contract every provider keeps. An implementation writes one method, `doStream`, which
 * yields typed parts (text, reasoning, one finish); everything callers use derives from it:
 * `stream` and `complete` take one request object, `createAsyncGenerator` and
 * `createCompletion` are the gpt4free-shaped faces that carry text only.
 *
 * The base class owns what must be the same everywhere: validation before any I/O, model
 * resolution, warnings for settings a provider cannot honour, one call signal (abort and total
 * timeout), the `start` part, empty deltas dropped, and the rule that a stream without its
 * finish part is an interruption carrying the partial text, never a short success.
 */
export abstract class AsyncGeneratorProvider<TOptions extends object = Record<never, never>>
  implements ProviderCapabilities
{
  abstract readonly name: string;
  abstract readonly label: string;
  abstract readonly url: string;
  abstract readonly defaultModel: string;
  abstract readonly models: readonly string[];
  readonly needsAuth: boolean = false;
  readonly working: boolean = true;
  readonly supportsStream: boolean = true;
  readonly supportsMessageHistory: boolean = true;
  readonly supportsSystemMessage: boolean = true;
  readonly createsUpstreamChat: boolean = false;
  readonly modelAliases: Readonly<Record<string, string>> = {};

  /** Validates `providerOptions[name]`; strict, so a misspelt option is an error, not ignored. */
  protected readonly providerOptionsSchema: z.ZodType<TOptions> = noOptions as unknown as z.ZodType<TOptions>;
  /** The standard settings this provider maps onto its wire; any other one given is a warning. */
  protected readonly supportedSettings: readonly StandardSettingName[] = [];
  /** A provider that runs others (a chain) reports their attempts itself. */
  protected readonly reportsOwnAttempts: boolean = false;
  protected readonly timeouts: Timeouts;
  protected readonly logger: Logger;
  protected readonly proxy: string | undefined;
  #defaultOptions: TOptions | undefined;

  constructor(settings: ProviderSettings = {}) {
    this.timeouts = mergeTimeouts(settings.timeouts);
    this.logger = redactingLogger(settings.logger ?? silentLogger);
    this.proxy = settings.proxy;
  }

  /**
   * Whether the provider has what it needs to authenticate, from its configuration or from the
   * request (cookies); the fallback chain skips it otherwise.
   */
  hasCredentials(_request?: Pick<CallOptions, 'cookies'>): boolean {
    return !this.needsAuth;
  }

  /**
   * Streams the answer as typed parts: `start`, then text and reasoning deltas, then `finish`.
   * The request is validated here, synchronously: a bad one throws `InvalidRequestError` or
   * `ModelNotSupportedError` before any request is made.
   */
  stream(request: ChatRequest): AsyncGenerator<StreamPart, void, undefined> {
    return this[runValidated](this.validateRequest(request, 'request'), undefined) as AsyncGenerator<
      StreamPart,
      void,
      undefined
    >;
  }

  /** The whole answer, with its reasoning, finish reason, usage, warnings and attempts. */
  complete(request: ChatRequest): Promise<ChatResult> {
    return this.collect(this.validateRequest(request, 'request'));
  }

  /** gpt4free's face: text deltas only. Validated synchronously, like `stream`. */
  createAsyncGenerator(
    model: string | undefined,
    messages: Messages,
    options: CallOptions = {},
  ): AsyncGenerator<string, void, undefined> {
    const request = this.validateArguments(model, messages, options);
    return this[runValidated](request, undefined, true) as AsyncGenerator<string, void, undefined>;
  }

  async createCompletion(
    model: string | undefined,
    messages: Messages,
    options: CallOptions = {},
  ): Promise<Completion> {
    const result = await this.collect(this.validateArguments(model, messages, options));
    return { text: result.text, provider: result.provider, model: result.model };
  }

  /** Maps undefined to the default model and aliases to their target; rejects unknown models. */
  resolveModel(model: string | undefined): string {
    if (model === undefined || model === '') return this.defaultModel;
    // Own keys only: `constructor` or `toString` are model names here, not inherited members.
    const target = Object.hasOwn(this.modelAliases, model) ? (this.modelAliases[model] ?? model) : model;
    if (this.models.length > 0 && !this.models.includes(target)) {
      throw new ModelNotSupportedError({
        model,
        supportedModels: [...this.models, ...Object.keys(this.modelAliases)],
        provider: this.name,
      });
    }
    return target;
  }

  /** This provider's entry of `providerOptions`, validated; `path` names where it sits in the input. */
  parseProviderOptions(providerOptions: ChatRequest['providerOptions'], path: string): TOptions {
    const entry = providerOptionsEntry(providerOptions, this.name);
    if (entry === undefined) {
      this.#defaultOptions ??= parseRequestInput(this.providerOptionsSchema, {}, path, this.name);
      return this.#defaultOptions;
    }
    return parseRequestInput(this.providerOptionsSchema, entry.value, `${path}.${entry.key}`, this.name);
  }

  /**
   * The one method an implementation writes: the parts of one answer. An async generator, or an
   * async function that makes its request and returns the parts to read (one layer less per part).
   */
  protected abstract doStream(
    call: ProviderCall<TOptions>,
  ): AsyncIterable<StreamPart> | Promise<AsyncIterable<StreamPart>>;

  /** What validation needs beyond the request's shape; a chain checks every member here. */
  protected checkRequest(request: ChatRequest, root: string): void {
    this.resolveModel(request.model);
    this.parseProviderOptions(request.providerOptions, `${root}.providerOptions`);
  }

  protected collect(request: ChatRequest): Promise<ChatResult> {
    return collectChatResult(
      request,
      (observed) => this[runValidated](observed, undefined) as AsyncGenerator<StreamPart, void, undefined>,
    );
  }

  protected validateRequest(request: ChatRequest, root: string): ChatRequest {
    const valid = isPlainChatRequest(request)
      ? { ...request, messages: copyOfMessages(request.messages) }
      : (parseRequestInput(chatRequestSchema, request, root, this.name) as ChatRequest);
    this.checkRequest(valid, root);
    return valid;
  }

  protected validateArguments(model: unknown, messages: unknown, options: unknown): ChatRequest {
    if (model !== undefined) parseRequestInput(modelSchema, model, 'model', this.name);
    const validMessages = isPlainMessages(messages)
      ? copyOfMessages(messages)
      : parseRequestInput(messagesSchema, messages, 'messages', this.name);
    const validOptions = isPlainCallOptions(options)
      ? options
      : (parseRequestInput(callOptionsSchema, options, 'options', this.name) as CallOptions);
    const request: ChatRequest = { ...validOptions, messages: validMessages, model: model as string | undefined };
    this.checkRequest(request, 'options');
    return request;
  }

  /**
   * Runs a validated request. Without a context this is the outermost call: it owns the call
   * signal and the delivered text. Inside a chain, the chain's are used, so each call has one
   * timer and one copy of what was delivered however deep it goes.
   */
  async *[runValidated](
    request: ChatRequest,
    context: RunContext | undefined,
    textOnly = false,
  ): AsyncGenerator<StreamPart | string, void, undefined> {
    const startedAt = performance.now();
    const model = this.resolveModel(request.model);
    const timeouts =
      context?.timeouts === undefined && request.timeouts === undefined
        ? this.timeouts
        : mergeTimeouts(this.timeouts, context?.timeouts, request.timeouts);
    const owned =
      context === undefined
        ? createCallSignal({ callerSignal: request.signal, totalMs: timeouts.totalMs, provider: this.name })
        : undefined;
    const signal = owned ?? (context as RunContext).callSignal;
    const ownDelivered = context === undefined ? new DeliveredText() : undefined;
    const delivered = ownDelivered ?? (context as RunContext).delivered;
    const call = new BoundCall(
      this.name,
      model,
      request,
      this.parseProviderOptions(request.providerOptions, 'request.providerOptions'),
      this.proxy,
      signal,
      timeouts,
      this.logger,
      delivered,
    );
    let outcome: Pick<AttemptRecord, 'outcome' | 'error'> | undefined;
    try {
      signal.throwIfAborted();
      this.warnUnsupported(call);
      let started = false;
      let finished = false;
      for await (const part of await this.doStream(call)) {
        if (finished) {
          throw new ProtocolError({ provider: this.name, detail: 'the provider went on after its finish part' });
        }
        if (part.type === 'start') {
          if (!started && !textOnly) yield part;
          started = true;
          continue;
        }
        if (part.type === 'finish') finished = true;
        else if (typeof part.text !== 'string') {
          throw new ProtocolError({
            provider: this.name,
            detail: `the provider yielded a ${part.type} part that is not a string`,
          });
        } else if (part.text === '') continue;
        else if (part.type === 'text') ownDelivered?.append(part.text);
        if (!started) {
          started = true;
          if (!textOnly) yield { type: 'start', provider: this.name, model };
        }
        // gpt4free's face is served from here, not through another generator: text alone.
        if (!textOnly) yield part;
        else if (part.type === 'text') yield part.text;
      }
      if (!finished) {
        throw new StreamInterruptedError({
          provider: this.name,
          partialText: delivered.text,
          deliveredLength: delivered.length,
          reason: 'the provider ended its stream without a finish part',
        });
      }
      outcome = { outcome: 'succeeded', error: undefined };
    } catch (error) {
      // Whatever a request was doing when the signal fired, the signal's reason is the truth.
      const failure =
        signal.aborted && SwitchyardError.isInstance(signal.reason)
          ? signal.reason
          : interruptionOf(error, delivered, this.name);
      // The caller's abort says nothing about the provider: no attempt to report, as for a break.
      if (SwitchyardError.isInstance(failure) && failure.code !== 'aborted')
        outcome = { outcome: 'failed', error: failure };
      throw failure;
    } finally {
      owned?.dispose();
      // A consumer that stopped early leaves no outcome: that says nothing about the provider.
      if (owned !== undefined && outcome !== undefined && !this.reportsOwnAttempts) {
        request.onAttempt?.({
          provider: this.name,
          model,
          attempt: 1,
          ...outcome,
          durationMs: performance.now() - startedAt,
        });
      }
    }
  }

  private warnUnsupported(call: ProviderCall<TOptions>): void {
    for (const setting of Object.keys(call.settings) as StandardSettingName[]) {
      if (this.supportedSettings.includes(setting)) continue;
      call.warn({
        type: 'unsupported-setting',
        setting,
        message: `${this.name} has no ${setting} setting on its wire; it was not sent`,
      });
    }
  }
}
