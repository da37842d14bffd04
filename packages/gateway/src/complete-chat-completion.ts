import { type AttemptRecord, UpstreamError } from '@switchyard/core';
import {
  type ChatCompletionCall,
  logCompletion,
  switchyardRequest,
  watchClientLeaving,
} from './chat-completion-call.js';
import { newCompletionIdentity, openAIFinishReason, openAIUsage } from './chat-completion-chunks.js';
import { ClientLeftError } from './client-left-error.js';
import { failureResponse } from './failure-response.js';
import { sendError, sendJson } from './json-response.js';
import { shuttingDown } from './shutdown-response.js';

/** Answers one chat completion as a single `chat.completion` object. */
export async function completeChatCompletion(call: ChatCompletionCall): Promise<void> {
  const { response, inFlight, metrics, startedAt } = call;
  const attempts: AttemptRecord[] = [];
  watchClientLeaving(response, () => inFlight.controller.abort(new ClientLeftError()));
  let provider: string | undefined;
  let outcome: 'completed' | 'failed' | 'cancelled' = 'failed';
  try {
    const result = await call.route.target.complete(switchyardRequest(call, attempts));
    provider = result.provider;
    if (result.finishReason === 'error') {
      throw new UpstreamError({ provider, upstreamMessage: `finish reason ${result.rawFinishReason ?? 'error'}` });
    }
    const identity = newCompletionIdentity(result.provider, result.model);
    const message = {
      role: 'assistant',
      content: result.text,
      refusal: null,
      ...(result.reasoning === '' ? {} : { reasoning_content: result.reasoning }),
    };
    const usage = openAIUsage(result.usage);
    sendJson(
      response,
      200,
      {
        id: identity.id,
        object: 'chat.completion',
        created: identity.created,
        model: identity.model,
        system_fingerprint: null,
        choices: [
          {
            index: 0,
            message,
            logprobs: null,
            finish_reason: openAIFinishReason(result.finishReason, result.rawFinishReason),
          },
        ],
        ...(usage === undefined ? {} : { usage }),
      },
      {
        'x-switchyard-provider': result.provider,
        'x-switchyard-attempts': String(result.attempts.length),
        ...call.extraHeaders(),
      },
    );
    outcome = 'completed';
  } catch (error) {
    if (inFlight.controller.signal.reason instanceof ClientLeftError) {
      outcome = 'cancelled';
      return;
    }
    sendError(response, inFlight.cancelledByShutdown ? shuttingDown() : failureResponse(error, call.failures));
    call.logger.warn('chat completion failed', {
      model: call.request.model,
      error: call.failures.scrubber.scrub(error instanceof Error ? error.message : String(error)),
    });
  } finally {
    const seconds = (performance.now() - startedAt) / 1000;
    metrics.completion(provider, outcome, seconds);
    logCompletion(call, { provider, outcome, attempts: attempts.length, stream: false, seconds });
  }
}
