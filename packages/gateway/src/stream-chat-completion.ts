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
 * Where one stream is: before the provider's `start` part nothing has been sent; while streaming
 * the role chunk may still wait for the first delta; once finished the answer is complete.
 */
type StreamState =
  | { readonly kind: 'before-start' }
  | { readonly kind: 'streaming'; readonly provider: string; readonly writer: ChunkWriter; opening: string }
  | { readonly kind: 'finished'; readonly provider: string };

function startStreaming(call: ChatCompletionCall, provider: string, model: string, attempts: number): StreamState {
  const writer = new ChunkWriter(newCompletionIdentity(provider, model), call.request.includeUsage);
  // The flat array form: Node takes it as is, and this is on the path to the first token.
  call.response.writeHead(200, [
    'content-type',
    'text/event-stream; charset=utf-8',
    'cache-control',
    'no-cache',
    'x-accel-buffering',
    'no',
    'x-switchyard-provider',
    provider,
    // The serving attempt has not ended yet, so it is not among those reported.
    'x-switchyard-attempts',
    String(attempts + 1),
    ...Object.entries(call.extraHeaders()).flat(),
  ]);
  // The role chunk goes out with the first delta, in one write.
  return { kind: 'streaming', provider, writer, opening: writer.delta({ role: 'assistant', content: '' }) };
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
  watchClientLeaving(response, () => inFlight.controller.abort(new ClientLeftError()));
  let state: StreamState = { kind: 'before-start' };
  try {
    for await (const part of call.route.target.stream(switchyardRequest(call, attempts))) {
      if (part.type === 'start') {
        if (state.kind === 'before-start') state = startStreaming(call, part.provider, part.model, attempts.length);
        continue;
      }
      if (state.kind !== 'streaming') continue;
      const { writer, provider, opening } = state;
      if (part.type === 'finish') {
        if (part.finishReason === 'error') {
          throw new UpstreamError({ provider, upstreamMessage: `finish reason ${part.rawFinishReason ?? 'error'}` });
        }
        const reason = openAIFinishReason(part.finishReason, part.rawFinishReason);
        response.end(`${opening}${writer.finish(reason, openAIUsage(part.usage))}`);
        // Not `return`: the provider records its success (health, attempts) only once its stream runs to its end.
        state = { kind: 'finished', provider };
        continue;
      }
      state.opening = '';
      const pending = write(
        response,
        `${opening}${part.type === 'text' ? writer.text(part.text) : writer.reasoning(part.text)}`,
      );
      if (opening !== '') {
        // node:http holds a write until the next tick, to join it with the ones after; the first
        // delta goes out now, before the rest of its read is decoded.
        response.uncork();
        metrics.firstToken(provider, (performance.now() - startedAt) / 1000);
      }
      if (pending !== undefined) await pending;
    }
    // The contract ends every stream with a finish part or an error; anything else is not a clean end.
    if (state.kind !== 'finished') throw new Error('the stream ended without a finish part');
  } catch (error) {
    // A client that left hears nothing more; an answer already complete stays as it is.
    if (inFlight.controller.signal.reason instanceof ClientLeftError || state.kind === 'finished') return;
    if (state.kind === 'before-start') {
      sendError(response, inFlight.cancelledByShutdown ? shuttingDown() : failureResponse(error, call.failures));
    } else {
      response.end(midStreamErrorEvent(error, inFlight.cancelledByShutdown, call.failures.scrubber));
    }
    call.logger.warn('chat completion failed', {
      model: call.request.model,
      provider: state.kind === 'streaming' ? state.provider : undefined,
      afterFirstChunk: state.kind === 'streaming',
      error: call.failures.scrubber.scrub(error instanceof Error ? error.message : String(error)),
    });
  } finally {
    const seconds = (performance.now() - startedAt) / 1000;
    const outcome =
      state.kind === 'finished'
        ? 'completed'
        : inFlight.controller.signal.reason instanceof ClientLeftError
          ? 'cancelled'
          : 'failed';
    const provider = state.kind === 'before-start' ? undefined : state.provider;
    metrics.completion(provider, outcome, seconds);
    logCompletion(call, { provider, outcome, attempts: attempts.length, stream: true, seconds });
  }
}
