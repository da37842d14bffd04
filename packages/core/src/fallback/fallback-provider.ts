import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import {
  AsyncGeneratorProvider,
  type Completion,
  type ProviderCall,
  type ProviderOptions,
  type ProviderSettings,
} from '../contract/async-generator-provider.js';
import { type CallOptions, callOptionsSchema } from '../contract/call-options.js';
import { DeliveredText } from '../contract/delivered-text.js';
import type { Messages } from '../contract/message.js';
import { AllProvidersFailedError, type AttemptRecord } from '../errors/all-providers-failed-error.js';
import { EmptyResponseError } from '../errors/empty-response-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { MissingAuthError } from '../errors/missing-auth-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { ProviderNotWorkingError } from '../errors/provider-not-working-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { type HealthTicket, ProviderHealth } from '../registry/provider-health.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { AnyProvider } from '../registry/provider-token.js';
import type { TimeoutOverrides } from '../transport/timeouts.js';
import { abortableDelay } from './abortable-delay.js';
import { countsAgainstHealth } from './health-relevance.js';
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from './retry-policy.js';

export type AttemptListener = (record: AttemptRecord) => void;

export interface FallbackSettings extends ProviderSettings {
  /** In order of preference: instances, or names looked up in `registry`. */
  readonly providers: ReadonlyArray<AnyProvider | string>;
  /** Resolves names, and lends its health so the chain and the registry agree. */
  readonly registry?: ProviderRegistry | undefined;
  /** Health to use without a registry; a private one by default. */
  readonly health?: ProviderHealth | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  /** Told of every attempt as it ends: skipped, failed, empty or succeeded. */
  readonly onAttempt?: AttemptListener | undefined;
  readonly name?: string | undefined;
}

/**
 * Per-call: the providers' own parameters pass through to every provider, plus a listener for
 * this call and, where providers name things differently (or need their own cookies), options
 * for one provider at a time, applied over the rest.
 */
export type FallbackParameters = Record<string, unknown> & {
  readonly onAttempt?: AttemptListener;
  readonly optionsFor?: (provider: AnyProvider) => Record<string, unknown>;
};

export interface FallbackCompletion extends Completion {
  /** Every attempt the call made, the serving one last. */
  readonly attempts: readonly AttemptRecord[];
}

function asSwitchyardError(error: unknown, provider: string): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  return new ProtocolError({ provider, detail: `the provider failed unexpectedly (${String(error)})`, cause: error });
}

/**
 * A provider over an ordered list of providers. It skips those that are not working (by flag or
 * by health) or lack credentials, retries retryable failures within the retry policy, and moves
 * on while nothing has reached the caller. Once text has been delivered it never switches: a
 * failure then is a `StreamInterruptedError` with that text, not a second answer glued on.
 */
export class FallbackProvider extends AsyncGeneratorProvider<FallbackParameters> {
  readonly name: string;
  readonly label: string;
  readonly url: string;
  /** Each provider answers with its own default unless the caller names a model. */
  readonly defaultModel = '';
  readonly models: readonly string[] = [];
  readonly health: ProviderHealth;
  readonly #entries: ReadonlyArray<AnyProvider | string>;
  readonly #registry: ProviderRegistry | undefined;
  readonly #retry: RetryPolicy;
  readonly #onAttempt: AttemptListener | undefined;
  readonly #timeoutOverrides: TimeoutOverrides | undefined;

  constructor(settings: FallbackSettings) {
    super(settings);
    this.#entries = settings.providers;
    this.#registry = settings.registry;
    this.health = settings.health ?? settings.registry?.health ?? new ProviderHealth();
    this.#retry = { ...defaultRetryPolicy, ...settings.retry };
    this.#onAttempt = settings.onAttempt;
    this.#timeoutOverrides = settings.timeouts;
    if (settings.providers.length === 0) {
      throw new InvalidRequestError({
        provider: settings.name ?? 'Fallback',
        issues: [{ path: 'settings.providers', message: 'expected at least one provider' }],
      });
    }
    const named = settings.providers.filter((entry) => typeof entry === 'string');
    if (named.length > 0 && settings.registry === undefined) {
      throw new InvalidRequestError({
        provider: settings.name ?? 'Fallback',
        issues: [{ path: 'settings.registry', message: `required to look up ${named.join(', ')} by name` }],
      });
    }
    this.name = settings.name ?? 'Fallback';
    this.label = `Fallback over ${settings.providers.map((entry) => (typeof entry === 'string' ? entry : entry.name)).join(', ')}`;
    // The chain is reached through its first provider; a name that does not resolve fails here.
    this.url = this.providers()[0]?.url ?? '';
  }

  /** The chain's providers, names resolved now so a registry can change underneath. */
  providers(): AnyProvider[] {
    return this.#entries.map((entry) => {
      if (typeof entry !== 'string') return entry;
      if (this.#registry === undefined) throw new TypeError(`provider "${entry}" is a name, but no registry was given`);
      return this.#registry.get(entry);
    });
  }

  override hasCredentials(options?: CallOptions): boolean {
    return this.providers().some((provider) => provider.hasCredentials(options));
  }

  /**
   * Parameters belong to the providers, which validate their own; a key that no provider in the
   * chain takes is still an error, before any request.
   */
  protected override optionsSchema(): z.ZodObject {
    const providers = this.providers();
    const known = new Set([...Object.keys(callOptionsSchema.shape), ...providers.flatMap((p) => p.parameterKeys())]);
    return callOptionsSchema
      .extend({
        onAttempt: z.custom<AttemptListener>((value) => typeof value === 'function', 'expected a function').optional(),
        optionsFor: z
          .custom<NonNullable<FallbackParameters['optionsFor']>>(
            (value) => typeof value === 'function',
            'expected a function',
          )
          .optional(),
      })
      .catchall(z.unknown())
      .superRefine((options, context) => {
        for (const key of Object.keys(options)) {
          if (key === 'onAttempt' || key === 'optionsFor' || known.has(key)) continue;
          context.addIssue({ code: 'custom', path: [key], message: 'unknown key: no provider in the chain takes it' });
        }
      });
  }

  override async createCompletion(
    model: string | undefined,
    messages: Messages,
    options: ProviderOptions<FallbackParameters> = {},
  ): Promise<FallbackCompletion> {
    const attempts: AttemptRecord[] = [];
    const listener = options.onAttempt;
    const onAttempt: AttemptListener = (record) => {
      attempts.push(record);
      listener?.(record);
    };
    let text = '';
    for await (const delta of this.createAsyncGenerator(model, messages, { ...options, onAttempt })) text += delta;
    const served = attempts.at(-1);
    return { text, provider: served?.provider ?? this.name, model: served?.model ?? '', attempts };
  }

  protected async *streamText(call: ProviderCall<FallbackParameters>): AsyncGenerator<string, void, undefined> {
    const { onAttempt: callListener, optionsFor, ...parameters } = call.parameters;
    const attempts: AttemptRecord[] = [];
    // The caller's listeners run outside any provider's accounting: what they throw is theirs.
    const record = (entry: AttemptRecord): void => {
      attempts.push(entry);
      this.#onAttempt?.(entry);
      callListener?.(entry);
    };
    const requested = call.model === '' ? undefined : call.model;

    for (const provider of this.providers()) {
      const options = {
        ...parameters,
        proxy: call.proxy,
        cookies: call.cookies,
        timeouts: { ...this.#timeoutOverrides, ...call.requestedTimeouts },
        ...optionsFor?.(provider),
        // Last, so nothing can detach a provider from the chain's abort and total timeout.
        signal: call.signal,
      };
      const skipped = this.skipReason(provider, options);
      if (skipped instanceof SwitchyardError) {
        record({
          provider: provider.name,
          model: requested,
          attempt: 1,
          outcome: 'skipped',
          error: skipped,
          durationMs: 0,
        });
        continue;
      }
      let ticket: HealthTicket | undefined = skipped;
      for (let attempt = 1; ticket !== undefined; attempt++) {
        const started = performance.now();
        const delivered = new DeliveredText();
        let model = requested;
        let failure: SwitchyardError | undefined;
        // Set once the attempt's outcome is known; a consumer's break leaves it unset.
        let completed = false;
        try {
          model = provider.resolveModel(requested);
          for await (const delta of provider.createAsyncGenerator(model, call.messages, options)) {
            if (delta === '') continue;
            delivered.append(delta);
            yield delta;
          }
          if (delivered.length === 0) throw new EmptyResponseError({ provider: provider.name });
          completed = true;
        } catch (caught) {
          failure = asSwitchyardError(caught, provider.name);
          completed = true;
        } finally {
          // The consumer stopped early: that says nothing about the provider's health.
          if (!completed) this.health.releaseCall(ticket);
        }
        // The caller's abort (or the chain's total timeout) ends the chain at once, and says
        // nothing about the provider either.
        if (call.signal.aborted) {
          this.health.releaseCall(ticket);
          throw call.signal.reason;
        }
        const durationMs = performance.now() - started;
        if (failure === undefined) {
          this.health.recordSuccess(ticket);
          record({ provider: provider.name, model, attempt, outcome: 'succeeded', error: undefined, durationMs });
          return;
        }
        const counts = countsAgainstHealth(failure);
        if (counts) this.health.recordFailure(ticket, failure.message);
        else this.health.releaseCall(ticket);
        const outcome = EmptyResponseError.isInstance(failure) ? 'empty' : counts ? 'failed' : 'skipped';
        record({ provider: provider.name, model, attempt, outcome, error: failure, durationMs });
        if (delivered.length > 0) {
          throw StreamInterruptedError.isInstance(failure)
            ? failure
            : new StreamInterruptedError({
                provider: provider.name,
                partialText: delivered.text,
                deliveredLength: delivered.length,
                reason: failure.message,
                cause: failure,
              });
        }
        const wait = outcome === 'failed' ? retryDelay(failure, attempt, this.#retry) : undefined;
        if (wait === undefined) break;
        await abortableDelay(wait, call.signal);
        // The breaker may have opened meanwhile: then no retry.
        ticket = this.health.beginCall(provider.name);
      }
    }
    throw new AllProvidersFailedError({ attempts });
  }

  /** Why a provider is not tried now, or the health ticket of the call it may make. */
  private skipReason(provider: AnyProvider, options: CallOptions): SwitchyardError | HealthTicket {
    const working = this.health.isWorking(provider.name) ?? provider.working;
    if (!working) {
      const entry = this.health.entry(provider.name);
      const why =
        entry.status === 'cooling-down'
          ? `cooling down for ${Math.ceil(entry.cooldownLeftMs / 1000)} s after: ${entry.reason ?? 'failures'}`
          : entry.status === 'probing'
            ? 'another call is probing it'
            : 'it is marked not working';
      return new ProviderNotWorkingError({ provider: provider.name, reason: why });
    }
    if (provider.needsAuth && !provider.hasCredentials(options)) {
      return new MissingAuthError({ provider: provider.name, hint: 'No credentials are configured for it.' });
    }
    return (
      this.health.beginCall(provider.name) ??
      new ProviderNotWorkingError({ provider: provider.name, reason: 'another call is probing it' })
    );
  }
}
