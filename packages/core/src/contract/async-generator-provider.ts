import { z } from 'zod';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Logger } from '../logging/logger.js';
import { redactingLogger } from '../logging/redacting-logger.js';
import { silentLogger } from '../logging/silent-logger.js';
import { createCallSignal } from '../transport/call-signal.js';
import { mergeTimeouts, type TimeoutOverrides, type Timeouts } from '../transport/timeouts.js';
import { parseRequestInput } from '../validation/parse-request-input.js';
import { type CallOptions, callOptionsSchema } from './call-options.js';
import { type Messages, messagesSchema } from './message.js';
import type { ProviderCapabilities } from './provider-capabilities.js';
import { withoutUndefined } from './without-undefined.js';

/** Settings every provider takes at construction, below its own. */
export interface ProviderSettings {
  readonly timeouts?: TimeoutOverrides | undefined;
  readonly logger?: Logger | undefined;
}

/** A validated call, as a provider implementation receives it. */
export interface ProviderCall<TParameters extends object> {
  readonly model: string;
  readonly messages: Messages;
  /** The provider's own parameters, validated by its `parametersSchema`. */
  readonly parameters: TParameters;
  readonly proxy: string | undefined;
  readonly cookies: Readonly<Record<string, string>> | undefined;
  /** Aborts on the caller's abort and on the total timeout; pass it to every request. */
  readonly signal: AbortSignal;
  readonly timeouts: Timeouts;
  /** The caller's own per-call timeouts, before merging: what a wrapper passes on. */
  readonly requestedTimeouts: TimeoutOverrides | undefined;
}

export interface Completion {
  readonly text: string;
  /** The provider that produced the text (for a fallback chain: the one that served). */
  readonly provider: string;
  readonly model: string;
}

export type ProviderOptions<TParameters extends object> = CallOptions & Partial<TParameters>;

/**
 * The contract every provider keeps: `createAsyncGenerator` streams text deltas for a chat.
 * The base class owns what must be the same everywhere: model resolution, input validation
 * before any I/O, the total timeout and turning an abort into a typed error. Subclasses
 * implement `streamText` and declare their capability flags.
 */
export abstract class AsyncGeneratorProvider<TParameters extends object = Record<never, never>>
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

  /** The provider's own per-call parameters (camelCase); unknown keys are rejected. */
  protected readonly parametersSchema: z.ZodObject = z.object({});
  protected readonly timeouts: Timeouts;
  protected readonly logger: Logger;
  #optionsSchema: z.ZodType<Record<string, unknown>> | undefined;

  constructor(settings: ProviderSettings = {}) {
    this.timeouts = mergeTimeouts(settings.timeouts);
    this.logger = redactingLogger(settings.logger ?? silentLogger);
  }

  /**
   * Whether the provider has what it needs to authenticate, from its configuration or from the
   * per-call `options`; the fallback chain skips it otherwise.
   */
  hasCredentials(_options?: CallOptions): boolean {
    return !this.needsAuth;
  }

  /** The names of the provider's own per-call parameters. */
  parameterKeys(): string[] {
    return Object.keys(this.parametersSchema.shape);
  }

  /**
   * Streams the answer as text deltas. Input is validated synchronously, so a bad call throws
   * `InvalidRequestError` or `ModelNotSupportedError` here, before any request is made.
   */
  createAsyncGenerator(
    model: string | undefined,
    messages: Messages,
    options: ProviderOptions<TParameters> = {},
  ): AsyncGenerator<string, void, undefined> {
    const call = this.prepareCall(model, messages, options);
    return this.run(call.resolvedModel, call.messages, call.options);
  }

  async createCompletion(
    model: string | undefined,
    messages: Messages,
    options: ProviderOptions<TParameters> = {},
  ): Promise<Completion> {
    const resolvedModel = this.resolveModel(model);
    let text = '';
    for await (const delta of this.createAsyncGenerator(resolvedModel, messages, options)) text += delta;
    return { text, provider: this.name, model: resolvedModel };
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

  protected abstract streamText(call: ProviderCall<TParameters>): AsyncGenerator<string, void, undefined>;

  private prepareCall(model: string | undefined, messages: Messages, options: ProviderOptions<TParameters>) {
    if (model !== undefined && typeof model !== 'string') {
      parseRequestInput(z.string(), model, 'model', this.name);
    }
    const validMessages = parseRequestInput(messagesSchema, messages, 'messages', this.name);
    const validOptions = parseRequestInput(this.optionsSchema(), options, 'options', this.name) as Record<
      string,
      unknown
    >;
    // The merged schema keeps the provider's fields but not its object-level rules (a refine that
    // forbids two parameters together, say): those run on the provider's own slice.
    const ownKeys = Object.keys(this.parametersSchema.shape).filter((key) => key in validOptions);
    if (ownKeys.length > 0) {
      parseRequestInput(
        this.parametersSchema,
        Object.fromEntries(ownKeys.map((key) => [key, validOptions[key]])),
        'options',
        this.name,
      );
    }
    return { resolvedModel: this.resolveModel(model), messages: validMessages, options: validOptions };
  }

  /** Per-call options: the common ones and the provider's own, nothing else. */
  protected optionsSchema(): z.ZodType<Record<string, unknown>> {
    this.#optionsSchema ??= callOptionsSchema.extend(this.parametersSchema.shape).strict();
    return this.#optionsSchema;
  }

  private async *run(
    model: string,
    messages: Messages,
    options: Record<string, unknown>,
  ): AsyncGenerator<string, void, undefined> {
    const {
      proxy,
      cookies,
      signal: callerSignal,
      timeouts: callTimeouts,
      ...parameters
    } = options as CallOptions & Record<string, unknown>;
    const timeouts = mergeTimeouts(this.timeouts, callTimeouts);
    const callSignal = createCallSignal({ callerSignal, totalMs: timeouts.totalMs, provider: this.name });
    try {
      callSignal.signal.throwIfAborted();
      yield* this.streamText({
        model,
        messages,
        parameters: withoutUndefined(parameters) as TParameters,
        proxy,
        cookies,
        signal: callSignal.signal,
        timeouts,
        requestedTimeouts: callTimeouts,
      });
    } catch (error) {
      // Whatever a request was doing when the signal fired, the signal's reason is the truth.
      if (callSignal.signal.aborted && SwitchyardError.isInstance(callSignal.signal.reason)) {
        throw callSignal.signal.reason;
      }
      throw error;
    } finally {
      callSignal.dispose();
    }
  }
}
