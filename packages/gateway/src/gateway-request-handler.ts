import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger, ProviderRegistry } from '@switchyard/core';
import type { ChatCompletionCall } from './chat-completion-call.js';
import { parseChatCompletionRequest } from './chat-completion-request.js';
import type { ClientKeys } from './client-keys.js';
import { completeChatCompletion } from './complete-chat-completion.js';
import { type FailureContext, failureResponse } from './failure-response.js';
import { GatewayHttpError } from './gateway-http-error.js';
import type { GatewayLimits } from './gateway-limits.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { InFlightRequests } from './in-flight-requests.js';
import { sendError, sendJson } from './json-response.js';
import type { ModelRoutes } from './model-routes.js';
import { readJsonBody } from './read-request-body.js';
import { shuttingDown } from './shutdown-response.js';
import { streamChatCompletion } from './stream-chat-completion.js';

export interface GatewayState {
  readonly registry: ProviderRegistry;
  readonly routes: ModelRoutes;
  readonly keys: ClientKeys;
  readonly limits: GatewayLimits;
  readonly inFlight: InFlightRequests;
  readonly metrics: GatewayMetrics;
  readonly failures: FailureContext;
  readonly logger: Logger;
  /** True once shutdown has begun: new requests are refused, connections are not kept alive. */
  readonly closing: () => boolean;
}

const busy = (max: number) =>
  new GatewayHttpError({
    status: 429,
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: `The gateway is already serving its limit of ${max} requests at once; retry shortly.`,
    headers: { 'retry-after': '1' },
  });

const notFound = (method: string, path: string) =>
  new GatewayHttpError({
    status: 404,
    type: 'invalid_request_error',
    code: 'unknown_url',
    message: `Invalid URL (${method} ${path})`,
  });

async function chatCompletions(
  state: GatewayState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<number> {
  const startedAt = performance.now();
  state.keys.check(request.headers);
  if (state.closing()) throw shuttingDown();
  const slot = state.inFlight.admit();
  if (slot === undefined) throw busy(state.inFlight.max);
  try {
    const body = await readJsonBody(request, state.limits.maxBodyBytes, slot.controller.signal);
    const parsed = parseChatCompletionRequest(body, state.limits);
    const call: ChatCompletionCall = {
      request: parsed,
      route: state.routes.resolve(parsed.model),
      response,
      inFlight: slot,
      metrics: state.metrics,
      failures: state.failures,
      logger: state.logger,
      startedAt,
      extraHeaders: () => (state.closing() ? { connection: 'close' } : {}),
    };
    await (parsed.stream ? streamChatCompletion(call) : completeChatCompletion(call));
    return response.statusCode;
  } catch (error) {
    // Answered here, before the slot is given back: shutdown waits for the slots, then closes connections.
    // Cancelled by shutdown before the call began: say so, rather than blame the request.
    const failure = slot.cancelledByShutdown ? shuttingDown() : failureResponse(error, state.failures);
    answerFailure(state, request, response, failure, error);
    return failure.status;
  } finally {
    slot.finish();
  }
}

function listModels(state: GatewayState, request: IncomingMessage, response: ServerResponse): number {
  state.keys.check(request.headers);
  sendJson(response, 200, {
    object: 'list',
    data: state.routes.list().map((model) => ({ id: model.id, object: 'model', created: 0, owned_by: model.ownedBy })),
  });
  return 200;
}

function ready(state: GatewayState, response: ServerResponse): number {
  const providers = state.registry.snapshot();
  const status = state.closing() || !providers.some((provider) => provider.working) ? 503 : 200;
  sendJson(response, status, {
    status: state.closing() ? 'shutting-down' : status === 200 ? 'ready' : 'no-working-provider',
    providers,
  });
  return status;
}

async function metrics(state: GatewayState, response: ServerResponse): Promise<number> {
  const text = await state.metrics.render();
  response.writeHead(200, { 'content-type': state.metrics.contentType }).end(text);
  return 200;
}

/** Answers a failure in OpenAI's format, or cuts the connection when the response has already begun. */
function answerFailure(
  state: GatewayState,
  request: IncomingMessage,
  response: ServerResponse,
  failure: GatewayHttpError,
  error: unknown,
): void {
  if (failure.status === 500) {
    state.logger.error('request failed unexpectedly', { error: state.failures.scrubber.scrub(String(error)) });
  }
  if (response.headersSent) {
    response.destroy();
    return;
  }
  // A body never read (refused early) is drained, so the connection can be reused.
  request.resume();
  sendError(response, failure);
}

/** The route label for metrics: known paths only, so a scan of random URLs cannot grow the label set. */
function routeOf(method: string, path: string): string {
  if (method === 'POST' && path === '/v1/chat/completions') return 'chat_completions';
  if (method === 'GET' && path === '/v1/models') return 'models';
  if (method === 'GET' && (path === '/health' || path === '/ready' || path === '/metrics')) return path.slice(1);
  return 'unknown';
}

/** Routes each request; every failure is answered in OpenAI's error format. */
export function createRequestHandler(
  state: GatewayState,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = routeOf(method, path);
    const answer = async (): Promise<number> => {
      switch (route) {
        case 'chat_completions':
          return chatCompletions(state, request, response);
        case 'models':
          return listModels(state, request, response);
        case 'health':
          sendJson(response, 200, { status: 'ok' });
          return 200;
        case 'ready':
          return ready(state, response);
        case 'metrics':
          return metrics(state, response);
        default:
          throw notFound(method, path);
      }
    };
    answer()
      .catch((error: unknown) => {
        const failure = failureResponse(error, state.failures);
        answerFailure(state, request, response, failure, error);
        return failure.status;
      })
      .then((status) => state.metrics.request(route, status));
  };
}
