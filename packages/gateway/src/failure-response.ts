import {
  AllProvidersFailedError,
  type AttemptRecord,
  InvalidRequestError,
  ModelNotSupportedError,
  type ProviderHealth,
  ProviderNotFoundError,
  ProviderNotWorkingError,
  RateLimitError,
  SwitchyardError,
  TimeoutError,
} from '@switchyard/core';
import { GatewayHttpError } from './gateway-http-error.js';
import type { AttemptSummary } from './openai-error-body.js';
import type { RateLimitMemory } from './rate-limit-memory.js';
import type { SecretScrubber } from './secret-scrubber.js';

export interface FailureContext {
  readonly rateLimits: RateLimitMemory;
  readonly health: ProviderHealth;
  /** Every message passed on from a provider goes through it. */
  readonly scrubber: SecretScrubber;
}

/** Switchyard's request field names back to OpenAI's, for `param`. */
const openAIParams: Readonly<Record<string, string>> = {
  temperature: 'temperature',
  topP: 'top_p',
  maxOutputTokens: 'max_completion_tokens',
  stopSequences: 'stop',
  seed: 'seed',
  model: 'model',
};

/** `request.messages.2.content` → `messages[2].content`; `request.topP` → `top_p`. */
function openAIParamOf(path: string): string | null {
  const segments = path.split('.').slice(1);
  const [first, ...rest] = segments;
  if (first === undefined) return null;
  if (first === 'messages') {
    return rest.reduce(
      (param, segment) => (/^\d+$/.test(segment) ? `${param}[${segment}]` : `${param}.${segment}`),
      'messages',
    );
  }
  return Object.hasOwn(openAIParams, first) ? (openAIParams[first] ?? null) : null;
}

function summarizeAttempt(attempt: AttemptRecord, scrubber: SecretScrubber): AttemptSummary {
  return {
    provider: attempt.provider,
    model: attempt.model ?? null,
    attempt: attempt.attempt,
    outcome: attempt.outcome,
    error:
      attempt.error === undefined ? null : { code: attempt.error.code, message: scrubber.scrub(attempt.error.message) },
    duration_ms: Math.round(attempt.durationMs),
  };
}

/**
 * How long until a rate-limited attempt's provider can be asked again: the server's Retry-After,
 * or the rest of the cooldown of a breaker that opened on rate limits. Null when the attempt was
 * not held back by a rate limit; undefined when it was but nobody said for how long.
 */
function rateLimitWait(attempt: AttemptRecord, context: FailureContext): number | undefined | null {
  if (RateLimitError.isInstance(attempt.error)) return attempt.error.retryAfterMs;
  if (
    attempt.outcome === 'skipped' &&
    ProviderNotWorkingError.isInstance(attempt.error) &&
    context.rateLimits.lastFailedOnRateLimit(attempt.provider)
  ) {
    const entry = context.health.entry(attempt.provider);
    return entry.status === 'cooling-down' ? entry.cooldownLeftMs : undefined;
  }
  return null;
}

function allFailed(error: AllProvidersFailedError, context: FailureContext): GatewayHttpError {
  const attempts = error.attempts;
  const waits = attempts.map((attempt) => rateLimitWait(attempt, context));
  if (attempts.length > 0 && waits.every((wait) => wait !== null)) {
    const known = waits.filter((wait): wait is number => wait !== undefined);
    // The first moment any of them may be asked again; a second when none said.
    const seconds = known.length === 0 ? 1 : Math.max(1, Math.ceil(Math.min(...known) / 1000));
    return new GatewayHttpError({
      status: 429,
      type: 'requests',
      code: 'rate_limit_exceeded',
      message: `Every provider is rate limited: ${attempts.map((attempt) => attempt.provider).join(', ')}. Retry after ${seconds} s.`,
      headers: { 'retry-after': String(seconds) },
      attempts: attempts.map((attempt) => summarizeAttempt(attempt, context.scrubber)),
    });
  }
  const tried = attempts.filter((attempt) => attempt.outcome !== 'skipped');
  if (tried.length > 0 && tried.every((attempt) => TimeoutError.isInstance(attempt.error))) {
    return new GatewayHttpError({
      status: 504,
      type: 'server_error',
      code: 'timeout',
      message: context.scrubber.scrub(`Every provider timed out: ${error.message}`),
      attempts: attempts.map((attempt) => summarizeAttempt(attempt, context.scrubber)),
    });
  }
  return new GatewayHttpError({
    status: 502,
    type: 'server_error',
    code: 'all_providers_failed',
    message: context.scrubber.scrub(error.message),
    attempts: attempts.map((attempt) => summarizeAttempt(attempt, context.scrubber)),
  });
}

/**
 * The status and OpenAI error body for a failure before the first chunk. Messages are
 * Switchyard's typed errors' own, which never carry a secret; an unexpected error is reported
 * without its message.
 */
export function failureResponse(error: unknown, context: FailureContext): GatewayHttpError {
  if (error instanceof GatewayHttpError) return error;
  if (InvalidRequestError.isInstance(error)) {
    const param = error.issues[0] === undefined ? null : openAIParamOf(error.issues[0].path);
    return new GatewayHttpError({
      status: 400,
      type: 'invalid_request_error',
      param,
      code: 'invalid_value',
      message: context.scrubber.scrub(error.message),
    });
  }
  if (ModelNotSupportedError.isInstance(error) || ProviderNotFoundError.isInstance(error)) {
    return new GatewayHttpError({
      status: 404,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
      message: context.scrubber.scrub(error.message),
    });
  }
  if (AllProvidersFailedError.isInstance(error)) return allFailed(error, context);
  if (TimeoutError.isInstance(error)) {
    return new GatewayHttpError({
      status: 504,
      type: 'server_error',
      code: 'timeout',
      message: context.scrubber.scrub(error.message),
    });
  }
  if (RateLimitError.isInstance(error)) {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
    return new GatewayHttpError({
      status: 429,
      type: 'requests',
      code: 'rate_limit_exceeded',
      message: context.scrubber.scrub(error.message),
      headers: { 'retry-after': String(seconds) },
    });
  }
  if (SwitchyardError.isInstance(error)) {
    return new GatewayHttpError({
      status: 502,
      type: 'server_error',
      code: error.code,
      message: context.scrubber.scrub(error.message),
    });
  }
  return new GatewayHttpError({
    status: 500,
    type: 'server_error',
    code: 'internal_error',
    message: 'The gateway failed unexpectedly; see its log.',
  });
}
