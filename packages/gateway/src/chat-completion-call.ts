import type { ServerResponse } from 'node:http';
import type { AttemptRecord, ChatRequest, Logger } from '@switchyard/core';
import type { ChatCompletionRequest } from './chat-completion-request.js';
import type { FailureContext } from './failure-response.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { InFlightRequest } from './in-flight-requests.js';
import type { Route } from './model-routes.js';

/** Everything serving one chat completion needs. */
export interface ChatCompletionCall {
  readonly request: ChatCompletionRequest;
  readonly route: Route;
  readonly response: ServerResponse;
  readonly inFlight: InFlightRequest;
  readonly metrics: GatewayMetrics;
  readonly failures: FailureContext;
  readonly logger: Logger;
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number;
  /** Headers every response of this call carries (`connection: close` while shutting down). */
  readonly extraHeaders: () => Readonly<Record<string, string>>;
}

/** The request object for the provider call: the client's settings, the call's signal, and attempt accounting. */
export function switchyardRequest(call: ChatCompletionCall, attempts: AttemptRecord[]): ChatRequest {
  const { request, route, inFlight, metrics, failures } = call;
  return {
    ...request.settings,
    messages: request.messages,
    model: route.model,
    signal: inFlight.controller.signal,
    onAttempt: (attempt) => {
      attempts.push(attempt);
      failures.rateLimits.observe(attempt);
      metrics.attempt(attempt);
    },
  };
}

/**
 * Calls `onLeave` when the client goes away before the response has ended: a closed tab, a
 * killed process, a timeout on its side.
 */
export function watchClientLeaving(response: ServerResponse, onLeave: () => void): void {
  response.once('close', () => {
    if (!response.writableEnded) onLeave();
  });
}

/** One access-log line per completion, at info: who served, how it ended, how long it took. Never a body or a header. */
export function logCompletion(
  call: ChatCompletionCall,
  summary: {
    readonly provider: string | undefined;
    readonly outcome: 'completed' | 'failed' | 'cancelled';
    readonly attempts: number;
    readonly stream: boolean;
    readonly seconds: number;
  },
): void {
  call.logger.info('chat completion', {
    model: call.request.model,
    provider: summary.provider,
    stream: summary.stream,
    status: call.response.statusCode,
    outcome: summary.outcome,
    attempts: summary.attempts,
    durationMs: Math.round(summary.seconds * 1000),
  });
}
