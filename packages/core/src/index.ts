// tsyringe's decorators read metadata when these modules load, so the polyfill comes first.
import 'reflect-metadata';

export { CONFIG } from './config/config-token.js';
export type { HealthConfig } from './config/health-config-schema.js';
export { healthConfigSchema, healthStoreKind } from './config/health-config-schema.js';
export type { LoadConfigOptions } from './config/load-config.js';
export { loadConfig } from './config/load-config.js';
export { parseConfigValue } from './config/parse-config-value.js';
export { providerConfig } from './config/provider-config.js';
export type { SwitchyardConfig } from './config/switchyard-config-schema.js';
export { switchyardConfigSchema } from './config/switchyard-config-schema.js';
export type {
  Completion,
  ProviderCall,
  ProviderOptions,
  ProviderSettings,
} from './contract/async-generator-provider.js';
export { AsyncGeneratorProvider } from './contract/async-generator-provider.js';
export type { CallOptions } from './contract/call-options.js';
export { callOptionsSchema } from './contract/call-options.js';
export { DeliveredText, maxRetainedTextLength } from './contract/delivered-text.js';
export { formatPrompt } from './contract/format-prompt.js';
export { interruptionOf } from './contract/interruption.js';
export type { Message, MessageRole, Messages } from './contract/message.js';
export { messageRoleSchema, messageSchema, messagesSchema } from './contract/message.js';
export type { ProviderCapabilities } from './contract/provider-capabilities.js';
export { withoutUndefined } from './contract/without-undefined.js';
export type { StoredCookie } from './cookies/cookie.js';
export { formatCookieHeader } from './cookies/cookie-header.js';
export { CookieStore } from './cookies/cookie-store.js';
export { resolveCookiesDirectory } from './cookies/cookies-directory.js';
export { cookieMatchesHost, domainMatches } from './cookies/domain-match.js';
export { parseHarCookies } from './cookies/har-cookies.js';
export { parseJsonCookieExport } from './cookies/json-cookie-export.js';
export { parseNetscapeCookieFile } from './cookies/netscape-cookie-file.js';
export { AbortedError } from './errors/aborted-error.js';
export type { AttemptOutcome, AttemptRecord } from './errors/all-providers-failed-error.js';
export { AllProvidersFailedError } from './errors/all-providers-failed-error.js';
export { ConfigurationError } from './errors/configuration-error.js';
export { ConnectionError } from './errors/connection-error.js';
export { EmptyResponseError } from './errors/empty-response-error.js';
export type { InvalidRequestIssue } from './errors/invalid-request-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { MissingAuthError } from './errors/missing-auth-error.js';
export { ModelNotSupportedError } from './errors/model-not-supported-error.js';
export { ProtocolError } from './errors/protocol-error.js';
export { ProviderNotFoundError } from './errors/provider-not-found-error.js';
export { ProviderNotWorkingError } from './errors/provider-not-working-error.js';
export { RateLimitError } from './errors/rate-limit-error.js';
export { ResponseStatusError } from './errors/response-status-error.js';
export { StreamInterruptedError } from './errors/stream-interrupted-error.js';
export type { SwitchyardErrorCode, SwitchyardErrorOptions } from './errors/switchyard-error.js';
export { SwitchyardError } from './errors/switchyard-error.js';
export type { TimeoutPhase } from './errors/timeout-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { UpstreamError } from './errors/upstream-error.js';
export { abortableDelay } from './fallback/abortable-delay.js';
export type {
  AttemptListener,
  FallbackCompletion,
  FallbackParameters,
  FallbackSettings,
} from './fallback/fallback-provider.js';
export { FallbackProvider } from './fallback/fallback-provider.js';
export { countsAgainstHealth } from './fallback/health-relevance.js';
export type { RetryPolicy } from './fallback/retry-policy.js';
export { defaultRetryPolicy, retryDelay } from './fallback/retry-policy.js';
export { createConsoleLogger } from './logging/console-logger.js';
export type { LogFields, Logger, LogLevel } from './logging/logger.js';
export { LOGGER } from './logging/logger-token.js';
export { redactFields, redactSecretsInText, redactUrl } from './logging/redact.js';
export { redactingLogger } from './logging/redacting-logger.js';
export { silentLogger } from './logging/silent-logger.js';
export { applyHealthChange } from './registry/apply-health-change.js';
export type { Clock } from './registry/clock.js';
export { CLOCK, systemClock } from './registry/clock.js';
export type { HealthPolicy } from './registry/health-policy.js';
export { cooldownAfter, defaultHealthPolicy, HEALTH_POLICY, probeLeaseMs } from './registry/health-policy.js';
export { healthPolicyFromConfig } from './registry/health-policy-from-config.js';
export type { HealthChange, HealthState, HealthStateStatus } from './registry/health-state.js';
export { initialHealthState } from './registry/health-state.js';
export type { HealthStore } from './registry/health-store.js';
export { HEALTH_STORE, healthKey } from './registry/health-store.js';
export { MemoryHealthStore } from './registry/memory-health-store.js';
export type { ProviderContext } from './registry/provider-context.js';
export { resolveProviderContext } from './registry/provider-context.js';
export type { HealthStatus, HealthTicket, ProviderHealthEntry } from './registry/provider-health.js';
export { ProviderHealth } from './registry/provider-health.js';
export type { ProviderFilter, ProviderHealthSnapshot } from './registry/provider-registry.js';
export { ProviderRegistry } from './registry/provider-registry.js';
export type { AnyProvider } from './registry/provider-token.js';
export { PROVIDER } from './registry/provider-token.js';
export { createCallSignal } from './transport/call-signal.js';
export { closeDispatchers, getDispatcher } from './transport/dispatchers.js';
export type { ErrorResponse } from './transport/error-from-status.js';
export { errorFromStatus } from './transport/error-from-status.js';
export { errorFromNetworkFailure } from './transport/network-failure.js';
export { proxyUrlSchema } from './transport/proxy-url.js';
export { readJsonBody } from './transport/read-json-body.js';
export { parseRetryAfter } from './transport/retry-after.js';
export type { HttpMethod, HttpResponse, SendRequestOptions } from './transport/send-request.js';
export { sendRequest } from './transport/send-request.js';
export type { ReadSseOptions, SseEvent } from './transport/sse-reader.js';
export { defaultSseMaxBufferSize, readSseBatches } from './transport/sse-reader.js';
export type { TimeoutOverrides, Timeouts } from './transport/timeouts.js';
export { defaultTimeouts, mergeTimeouts, timeoutsSchema } from './transport/timeouts.js';
export type { DescribedIssue } from './validation/describe-zod-issues.js';
export { describeZodIssues } from './validation/describe-zod-issues.js';
export { parseRequestInput } from './validation/parse-request-input.js';
