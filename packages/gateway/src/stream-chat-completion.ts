import type { ServerResponse } from 'node:http';
import { type AttemptRecord, UpstreamError } from '@switchyard/core';
import {
  type ChatCompletionCall,
  logCompletion,
  switchyardRequest,
  watchClientLeaving,
} from './chat-completion-call.js';
import { ChunkWriter, newCompletionIdentity, openAIFinishReason, openAIUsage } from './chat-completion-chunks.js';
import { ClientLeftError } from './client-left-error.js';
import { failureResponse } from './failure-response.js';
import { sendError } from './json-response.js';
import { midStreamErrorEvent } from './mid-stream-error.js';
import { shuttingDown } from './shutdown-response.js';

/** Writes `text`; resolves at once unless the socket asks to wait (or the client left meanwhile). */
function write(response: ServerResponse, text: string): Promise<void> | undefined {
  if (response.destroyed || response.write(text)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/**
 * Streams one chat completion as `chat.completion.chunk` events. Headers wait for the `start`
 * part, so a failure before it is still an ordinary JSON error with its status, and they can say
 * who serves. Backpressure reaches the provider: the next part is pulled only once the client
 * has taken the last one.
 */
export async function streamChatCompletion(call: ChatCompletionCall): Promise<void> {
  const { response, inFlight, metrics, startedAt } = call;
  const attempts: AttemptRecord[] = [];
  let clientLeft = false;
  watchClientLeaving(response, () => {
    clientLeft = true;
    inFlight.controller.abort(new ClientLeftError());
  });
  let writer: ChunkWriter | undefined;
  let provider: string | undefined;
  // The role chunk goes out with the first delta, in one write.
  let opening = '';
  let outcome: 'completed' | 'failed' | 'cancelled' = 'failed';
  try {
    for await (const part of call.route.target.stream(switchyardRequest(call, attempts))) {
      if (part.type === 'start') {
        provider = part.provider;
        writer = new ChunkWriter(newCompletionIdentity(part.provider, part.model), call.request.includeUsage);
        // The flat array form: Node takes it as is, and this is on the path to the first token.
        response.writeHead(200, [
          'content-type',
          'text/event-stream; charset=utf-8',
          'cache-control',
          'no-cache',
          'x-accel-buffering',
          'no',
          'x-switchyard-provider',
          part.provider,
          // The serving attempt has not ended yet, so it is not among those reported.
          'x-switchyard-attempts',
          String(attempts.length + 1),
          ...Object.entries(call.extraHeaders()).flat(),
        ]);
        opening = writer.delta({ role: 'assistant', content: '' });
        continue;
      }
      if (writer === undefined) continue;
      if (part.type === 'finish') {
        if (part.finishReason === 'error') {
          throw new UpstreamError({ provider, upstreamMessage: `finish reason ${part.rawFinishReason ?? 'error'}` });
        }
        response.end(
          `${opening}${writer.finish(openAIFinishReason(part.finishReason, part.rawFinishReason), openAIUsage(part.usage))}`,
        );
        outcome = 'completed';
        // Not `return`: the provider records its success (health, attempts) only once its stream runs to its end.
        continue;
      }
      if (opening !== '') metrics.firstToken(provider ?? '', (performance.now() - startedAt) / 1000);
      const event = part.type === 'text' ? writer.text(part.text) : writer.reasoning(part.text);
      const pending = write(response, `${opening}${event}`);
      opening = '';
      if (pending !== undefined) await pending;
    }
    // The contract ends every stream with a finish part or an error; anything else is not a clean end.
    if (outcome !== 'completed') throw new Error('the stream ended without a finish part');
  } catch (error) {
    if (clientLeft) {
      outcome = 'cancelled';
      return;
    }
    // Already answered in full: whatever failed after the finish part is the provider's bookkeeping.
    if (response.writableEnded) return;
    if (writer === undefined) {
      sendError(response, inFlight.cancelledByShutdown ? shuttingDown() : failureResponse(error, call.failures));
    } else {
      response.end(midStreamErrorEvent(error, inFlight.cancelledByShutdown, call.failures.scrubber));
    }
    call.logger.warn('chat completion failed', {
      model: call.request.model,
      provider,
      afterFirstChunk: writer !== undefined,
      error: call.failures.scrubber.scrub(error instanceof Error ? error.message : String(error)),
    });
  } finally {
    const seconds = (performance.now() - startedAt) / 1000;
    metrics.completion(provider, outcome, seconds);
    logCompletion(call, { provider, outcome, attempts: attempts.length, stream: true, seconds });
  }
}
