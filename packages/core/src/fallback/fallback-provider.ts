import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import {
  AsyncGeneratorProvider,
  type Completion,
  type ProviderCall,
  type ProviderOptions,
  type ProviderSettings,
} from '../contract/async-generator-provider.js';
import { callOptionsSchema } from '../contract/call-options.js';
import { DeliveredText } from '../contract/delivered-text.js';
import type { Messages } from '../contract/message.js';
import { AllProvidersFailedError, type AttemptRecord } from '../errors/all-providers-failed-error.js';
import { EmptyResponseError } from '../errors/empty-response-error.js';
import { MissingAuthError } from '../errors/missing-auth-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { ProviderNotWorkingError } from '../errors/provider-not-working-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { ProviderHealth } from '../registry/provider-health.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { AnyProvider } from '../registry/provider-token.js';
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

  constructor(settings: FallbackSettings) {
    super(settings);
    this.#entries = settings.providers;
    this.#registry = settings.registry;
    this.health = settings.health ?? settings.registry?.health ?? new ProviderHealth();
    this.#retry = { ...defaultRetryPolicy, ...settings.retry };
    this.#onAttempt = settings.onAttempt;
    this.name = settings.name ?? 'Fallback';
    this.label = `Fallback over ${settings.providers.map((entry) => (typeof entry === 'string' ? entry : entry.name)).join(', ')}`;
    const first = settings.providers[0];
    this.url = typeof first === 'object' ? first.url : 'https://github.com/switchyard';
  }

  /** The chain's providers, names resolved now so a registry can change underneath. */
  providers(): AnyProvider[] {
    return this.#entries.map((entry) => {
      if (typeof entry !== 'string') return entry;
      if (this.#registry === undefined) throw new TypeError(`provider "${entry}" is a name, but no registry was given`);
      return this.#registry.get(entry);
    });
  }

  override hasCredentials(): boolean {
    return this.providers().some((provider) => provider.hasCredentials());
  }

  /** Parameters belong to the providers, which validate their own. */
  protected override optionsSchema(): z.ZodObject {
    return callOptionsSchema.catchall(z.unknown());
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
    const record = (entry: AttemptRecord): void => {
      attempts.push(entry);
      this.#onAttempt?.(entry);
      callListener?.(entry);
    };
    const requested = call.model === '' ? undefined : call.model;

    for (const provider of this.providers()) {
      const skipped = this.skipReason(provider);
      if (skipped !== undefined) {
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
      for (let attempt = 1; ; attempt++) {
        const started = performance.now();
        const delivered = new DeliveredText();
        let model = requested;
        // Set once the attempt's outcome is known; a consumer's break leaves it unset.
        let settled = false;
        try {
          model = provider.resolveModel(requested);
          const stream = provider.createAsyncGenerator(model, call.messages, {
            ...parameters,
            proxy: call.proxy,
            cookies: call.cookies,
            timeouts: call.requestedTimeouts,
            ...optionsFor?.(provider),
            // Last, so nothing can detach a provider from the chain's abort and total timeout.
            signal: call.signal,
          });
          for await (const delta of stream) {
            if (delta === '') continue;
            delivered.append(delta);
            yield delta;
          }
          if (delivered.length === 0) throw new EmptyResponseError({ provider: provider.name });
          settled = true;
          this.health.recordSuccess(provider.name);
          record({
            provider: provider.name,
            model,
            attempt,
            outcome: 'succeeded',
            error: undefined,
            durationMs: performance.now() - started,
          });
          return;
        } catch (caught) {
          settled = true;
          const error = asSwitchyardError(caught, provider.name);
          const durationMs = performance.now() - started;
          // The caller's abort (or the chain's total timeout) ends the chain at once.
          if (call.signal.aborted) {
            this.health.releaseCall(provider.name);
            throw call.signal.reason;
          }
          if (countsAgainstHealth(error)) this.health.recordFailure(provider.name, error.message);
          else this.health.releaseCall(provider.name);
          const outcome = EmptyResponseError.isInstance(error)
            ? 'empty'
            : countsAgainstHealth(error)
              ? 'failed'
              : 'skipped';
          record({ provider: provider.name, model, attempt, outcome, error, durationMs });
          if (delivered.length > 0) {
            throw StreamInterruptedError.isInstance(error)
              ? error
              : new StreamInterruptedError({
                  provider: provider.name,
                  partialText: delivered.text,
                  deliveredLength: delivered.length,
                  reason: error.message,
                  cause: error,
                });
          }
          const wait = outcome === 'failed' ? retryDelay(error, attempt, this.#retry) : undefined;
          if (wait === undefined || !this.health.tryBeginCall(provider.name)) break;
          await abortableDelay(wait, call.signal);
        } finally {
          // The consumer stopped early: that says nothing about the provider's health.
          if (!settled) this.health.releaseCall(provider.name);
        }
      }
    }
    throw new AllProvidersFailedError({ attempts });
  }

  /** Why a provider is not tried now, or undefined when it is (and has taken its call slot). */
  private skipReason(provider: AnyProvider): SwitchyardError | undefined {
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
    if (provider.needsAuth && !provider.hasCredentials()) {
      return new MissingAuthError({ provider: provider.name, hint: 'No credentials are configured for it.' });
    }
    if (!this.health.tryBeginCall(provider.name)) {
      return new ProviderNotWorkingError({ provider: provider.name, reason: 'another call is probing it' });
    }
    return undefined;
  }
}
