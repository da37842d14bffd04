// What callers import. Provider authors also import `@switchyard/core/provider-kit`.
// tsyringe's decorators read metadata when these modules load, so the polyfill comes first.
import 'reflect-metadata';

export { CONFIG } from './config/config-token.js';
export type { ConfigEnvironmentVariable } from './config/env-overrides.js';
export { configEnvironmentVariables } from './config/env-overrides.js';
export type { ChainDefinition, GatewayLimitsConfig } from './config/gateway-config-schema.js';
export {
  chainDefinitionSchema,
  chainsSchema,
  gatewayKeysSchema,
  gatewayLimitsSchema,
} from './config/gateway-config-schema.js';
export type { HealthConfig } from './config/health-config-schema.js';
export { healthConfigSchema, healthStoreKind } from './config/health-config-schema.js';
export type { LoadConfigOptions } from './config/load-config.js';
export { loadConfig } from './config/load-config.js';
export { nearestName, typoDistance } from './config/nearest-name.js';
export { parseConfigValue } from './config/parse-config-value.js';
export { providerConfig, providerSectionKey } from './config/provider-config.js';
export type {
  ProviderConfigSection,
  ProviderConfigSections,
  UnlistedProviderSection,
} from './config/provider-config-sections.js';
export type { SwitchyardConfig } from './config/switchyard-config-schema.js';
export { switchyardConfigSchema } from './config/switchyard-config-schema.js';
export { validateProviderSections } from './config/validate-provider-sections.js';
export type { ProviderSettings } from './contract/async-generator-provider.js';
export { AsyncGeneratorProvider } from './contract/async-generator-provider.js';
export type { CallWarning, WarningListener } from './contract/call-warning.js';
export type {
  AttemptListener,
  CallOptions,
  ChatRequest,
  StandardSettingName,
  StandardSettings,
} from './contract/chat-request.js';
export { callOptionsSchema, chatRequestSchema, standardSettingNames } from './contract/chat-request.js';
export type { ChatResult, Completion } from './contract/chat-result.js';
export type { Message, MessageRole, Messages } from './contract/message.js';
export { messageRoleSchema, messageSchema, messagesSchema } from './contract/message.js';
export type { ProviderCapabilities } from './contract/provider-capabilities.js';
export type {
  FinishPart,
  FinishReason,
  ReasoningPart,
  StartPart,
  StreamPart,
  TextPart,
  Usage,
} from './contract/stream-part.js';
export { CookieStore } from './cookies/cookie-store.js';
export { AbortedError } from './errors/aborted-error.js';
export type { AttemptOutcome, AttemptRecord } from './errors/all-providers-failed-error.js';
export { AllProvidersFailedError } from './errors/all-providers-failed-error.js';
export { ConfigurationError } from './errors/configuration-error.js';
export type { ConnectionHop } from './errors/connection-error.js';
export { ConnectionError } from './errors/connection-error.js';
export { EmptyResponseError } from './errors/empty-response-error.js';
export { errorCode } from './errors/error-code.js';
export type { InvalidRequestIssue } from './errors/invalid-request-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { MissingAuthError } from './errors/missing-auth-error.js';
export { ModelNotSupportedError } from './errors/model-not-supported-error.js';
export { ProtocolError } from './errors/protocol-error.js';
export { ProviderNotFoundError } from './errors/provider-not-found-error.js';
export { ProviderNotWorkingError } from './errors/provider-not-working-error.js';
export { ProxyAuthError } from './errors/proxy-auth-error.js';
export { RateLimitError } from './errors/rate-limit-error.js';
export { ResponseStatusError } from './errors/response-status-error.js';
export { StreamInterruptedError } from './errors/stream-interrupted-error.js';
export type { SwitchyardErrorCode, SwitchyardErrorOptions } from './errors/switchyard-error.js';
export { SwitchyardError } from './errors/switchyard-error.js';
export type { TimeoutPhase } from './errors/timeout-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { UpstreamError } from './errors/upstream-error.js';
export type { FallbackCompletion } from './fallback/fallback-provider.js';
export { FallbackProvider } from './fallback/fallback-provider.js';
export type { FallbackSettings } from './fallback/fallback-settings.js';
export type { RetryPolicy } from './fallback/retry-policy.js';
export { defaultRetryPolicy } from './fallback/retry-policy.js';
export { createConsoleLogger } from './logging/console-logger.js';
export type { LogFields, Logger, LogLevel } from './logging/logger.js';
export { LOGGER } from './logging/logger-token.js';
export { redactSecretsInText, redactUrl } from './logging/redact.js';
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
export type { HealthStatus, HealthTicket, ProviderHealthEntry } from './registry/provider-health.js';
export { ProviderHealth } from './registry/provider-health.js';
export type { ProviderFilter, ProviderHealthSnapshot } from './registry/provider-registry.js';
export { ProviderRegistry } from './registry/provider-registry.js';
export type { AnyProvider } from './registry/provider-token.js';
export { PROVIDER } from './registry/provider-token.js';
export { closeDispatchers } from './transport/dispatchers.js';
export type { TimeoutOverrides, Timeouts } from './transport/timeouts.js';
export { defaultTimeouts, timeoutsSchema } from './transport/timeouts.js';
