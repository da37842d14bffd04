import { AsyncGeneratorProvider } from '../contract/async-generator-provider.js';
import { callSignalOf } from '../contract/bound-call.js';
import type { CallOptions, ChatRequest } from '../contract/chat-request.js';
import { standardSettingNames } from '../contract/chat-request.js';
import type { Completion } from '../contract/chat-result.js';
import type { Messages } from '../contract/message.js';
import type { ProviderCall } from '../contract/provider-call.js';
import { type RunContext, runValidated } from '../contract/run-validated.js';
import type { StartPart, StreamPart } from '../contract/stream-part.js';
import { AllProvidersFailedError, type AttemptRecord } from '../errors/all-providers-failed-error.js';
import { EmptyResponseError } from '../errors/empty-response-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { MissingAuthError } from '../errors/missing-auth-error.js';
import { ModelNotSupportedError } from '../errors/model-not-supported-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { ProviderNotWorkingError } from '../errors/provider-not-working-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { type HealthTicket, ProviderHealth } from '../registry/provider-health.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { AnyProvider } from '../registry/provider-token.js';
import { abortSignalOf } from '../transport/call-signal.js';
import type { TimeoutOverrides } from '../transport/timeouts.js';
import { parseRequestInput } from '../validation/parse-request-input.js';
import { abortableDelay } from './abortable-delay.js';
import { type FallbackSettings, fallbackSettingsSchema } from './fallback-settings.js';
import { countsAgainstHealth } from './health-relevance.js';
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from './retry-policy.js';

export interface FallbackCompletion extends Completion {
  /** Every attempt the call made, the serving one last. */
  readonly attempts: readonly AttemptRecord[];
}

function asSwitchyardError(error: unknown, provider: string): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  return new ProtocolError({ provider, detail: `the provider failed unexpectedly (${String(error)})`, cause: error });
}

/** A member from this copy of core runs on the chain's validated call; one from another copy validates again. */
function runMember(provider: AnyProvider, request: ChatRequest, context: RunContext): AsyncIterable<StreamPart> {
  const internal = (provider as Partial<Pick<AnyProvider, typeof runValidated>>)[runValidated];
  return internal === undefined
    ? provider.stream({ ...request, signal: abortSignalOf(context.callSignal) })
    : (internal.call(provider, request, context) as AsyncIterable<StreamPart>);
}

/**
 * A provider over an ordered list of providers. It skips those that are not working (by flag or
 * by health) or lack credentials, retries retryable failures within the retry policy, and moves
 * on while nothing has reached the caller. It commits to a provider at its first text or
 * reasoning part; a failure after that is a `StreamInterruptedError` with the text delivered,
 * never a second answer glued on. Members run on the chain's validated request, signal and
 * delivered text: one validation and one timer per call, however many providers it tries.
 */
export class FallbackProvider extends AsyncGeneratorProvider {
  readonly name: string;
  readonly label: string;
  readonly url: string;
  /** The first provider's; each member answers with its own default unless the caller names a model. */
  readonly defaultModel: string;
  readonly models: readonly string[] = [];
  readonly health: ProviderHealth;
  protected override readonly supportedSettings = standardSettingNames;
  protected override readonly reportsOwnAttempts = true;
  readonly #providers: readonly AnyProvider[];
  readonly #retry: RetryPolicy;
  readonly #onAttempt: FallbackSettings['onAttempt'];
  readonly #timeoutOverrides: TimeoutOverrides | undefined;

  constructor(settings: FallbackSettings) {
    const name = typeof settings?.name === 'string' ? settings.name : 'Fallback';
    const valid = parseRequestInput(fallbackSettingsSchema, settings, 'settings', name) as FallbackSettings;
    super(valid);
    const named = valid.providers.filter((entry) => typeof entry === 'string');
    if (named.length > 0 && valid.registry === undefined) {
      throw new InvalidRequestError({
        provider: name,
        issues: [{ path: 'settings.registry', message: `required to look up ${named.join(', ')} by name` }],
      });
    }
    this.name = name;
    // Names are looked up once: a registry's providers are fixed when it is built, and a name
    // that does not resolve fails here rather than at the first call.
    const { registry } = valid;
    this.#providers = valid.providers.map((entry) =>
      typeof entry === 'string' ? (registry as ProviderRegistry).get(entry) : entry,
    );
    this.health = valid.health ?? valid.registry?.health ?? new ProviderHealth();
    this.#retry = { ...defaultRetryPolicy, ...valid.retry };
    this.#onAttempt = valid.onAttempt;
    this.#timeoutOverrides = valid.timeouts;
    const providers = this.#providers;
    this.label = `Fallback over ${providers.map((provider) => provider.name).join(', ')}`;
    // The chain is reached through its first provider.
    this.url = providers[0]?.url ?? '';
    this.defaultModel = providers[0]?.defaultModel ?? '';
  }

  /** The chain's providers, in order. */
  providers(): readonly AnyProvider[] {
    return this.#providers;
  }

  override hasCredentials(request?: Pick<CallOptions, 'cookies'>): boolean {
    return this.providers().some((provider) => provider.hasCredentials(request));
  }

  /** A named model must be one that some member serves; each member resolves it for itself. */
  override resolveModel(model: string | undefined): string {
    if (model === undefined || model === '') return this.defaultModel;
    const providers = this.providers();
    const servesIt = (provider: AnyProvider): boolean => {
      try {
        provider.resolveModel(model);
        return true;
      } catch {
        return false;
      }
    };
    if (!providers.some(servesIt)) {
      throw new ModelNotSupportedError({
        model,
        provider: this.name,
        supportedModels: [
          ...new Set(providers.flatMap((provider) => [...provider.models, ...Object.keys(provider.modelAliases)])),
        ],
      });
    }
    return model;
  }

  override async createCompletion(
    model: string | undefined,
    messages: Messages,
    options: CallOptions = {},
  ): Promise<FallbackCompletion> {
    const result = await this.collect(this.validateArguments(model, messages, options));
    return { text: result.text, provider: result.provider, model: result.model, attempts: result.attempts };
  }

  /** Every member checks its own `providerOptions` entry before the chain sends anything. */
  protected override checkRequest(request: ChatRequest, root: string): void {
    this.resolveModel(request.model);
    for (const provider of this.providers()) {
      provider.parseProviderOptions(request.providerOptions, `${root}.providerOptions`);
    }
  }

  protected async *doStream(call: ProviderCall): AsyncGenerator<StreamPart, void, undefined> {
    const { request } = call;
    const attempts: AttemptRecord[] = [];
    // The caller's listeners run outside any provider's accounting: what they throw is theirs.
    const record = (entry: AttemptRecord): void => {
      attempts.push(entry);
      this.#onAttempt?.(entry);
      request.onAttempt?.(entry);
    };
    const context: RunContext = {
      callSignal: callSignalOf(call),
      delivered: call.delivered,
      timeouts: this.#timeoutOverrides,
    };

    for (const provider of this.providers()) {
      const skipped = this.skipReason(provider, request);
      if (SwitchyardError.isInstance(skipped)) {
        record({
          provider: provider.name,
          model: request.model,
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
        let model = request.model;
        let committed = false;
        let failure: SwitchyardError | undefined;
        // Set once the attempt's outcome is known; a consumer's break leaves it unset.
        let settled = false;
        try {
          model = provider.resolveModel(request.model);
          let start: StartPart | undefined;
          for await (const part of runMember(provider, request, context)) {
            if (part.type === 'start') {
              start = part;
            } else if (committed) {
              yield part;
            } else if (part.type === 'finish') {
              throw new EmptyResponseError({ provider: provider.name });
            } else {
              committed = true;
              yield start ?? { type: 'start', provider: provider.name, model };
              yield part;
            }
          }
          settled = true;
        } catch (caught) {
          failure = asSwitchyardError(caught, provider.name);
          settled = true;
        } finally {
          // The consumer stopped early: that says nothing about the provider's health.
          if (!settled) this.health.releaseCall(ticket);
        }
        // The caller's abort (or the chain's total timeout) ends the chain at once, and says
        // nothing about the provider either.
        if (context.callSignal.aborted) {
          this.health.releaseCall(ticket);
          throw context.callSignal.reason;
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
        if (committed) {
          throw StreamInterruptedError.isInstance(failure)
            ? failure
            : new StreamInterruptedError({
                provider: provider.name,
                partialText: call.delivered.text,
                deliveredLength: call.delivered.length,
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
  private skipReason(provider: AnyProvider, request: ChatRequest): SwitchyardError | HealthTicket {
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
    if (provider.needsAuth && !provider.hasCredentials(request)) {
      return new MissingAuthError({ provider: provider.name, hint: 'No credentials are configured for it.' });
    }
    return (
      this.health.beginCall(provider.name) ??
      new ProviderNotWorkingError({ provider: provider.name, reason: 'another call is probing it' })
    );
  }
}
