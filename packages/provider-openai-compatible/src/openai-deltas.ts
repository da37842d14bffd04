import {
  DeliveredText,
  interruptionOf,
  type Logger,
  ProtocolError,
  type SseEvent,
  StreamInterruptedError,
  UpstreamError,
} from '@switchyard/core';

interface ChatCompletionChunk {
  readonly choices?: ReadonlyArray<{
    readonly delta?: { readonly content?: string | null };
    readonly finish_reason?: string | null;
  }>;
  readonly error?: { readonly message?: string; readonly type?: string | null; readonly code?: unknown };
}

export const doneMarker = '[DONE]';

function parseChunk(data: string, provider: string): ChatCompletionChunk {
  try {
    const chunk: unknown = JSON.parse(data);
    if (typeof chunk === 'object' && chunk !== null) return chunk as ChatCompletionChunk;
  } catch (error) {
    throw new ProtocolError({ provider, detail: `a chunk is not JSON (${data.slice(0, 80)})`, cause: error });
  }
  throw new ProtocolError({ provider, detail: `a chunk is not a JSON object (${data.slice(0, 80)})` });
}

/**
 * Turns `chat.completion.chunk` events into text deltas, joined per network read. The stream is
 * complete at `[DONE]` or once a choice reports its finish reason; an `error` object in the
 * stream is the server failing mid-answer; a body that just stops is an interruption.
 */
export async function* openAIDeltas(
  batches: AsyncIterable<readonly SseEvent[]>,
  context: { readonly provider: string; readonly logger: Logger },
): AsyncGenerator<string, void, undefined> {
  const { provider, logger } = context;
  const delivered = new DeliveredText();
  let finishReason: string | undefined;
  try {
    for await (const batch of batches) {
      let delta = '';
      let failure: UpstreamError | undefined;
      let done = false;
      for (const { data } of batch) {
        if (data === doneMarker) {
          done = true;
          finishReason ??= 'done';
          break;
        }
        const chunk = parseChunk(data, provider);
        if (chunk.error !== undefined) {
          failure = new UpstreamError({
            provider,
            upstreamMessage: chunk.error.message ?? JSON.stringify(chunk.error),
          });
          break;
        }
        const choice = chunk.choices?.[0];
        const content = choice?.delta?.content;
        if (typeof content === 'string') delta += content;
        if (typeof choice?.finish_reason === 'string') finishReason = choice.finish_reason;
      }
      if (delta !== '') {
        delivered.append(delta);
        yield delta;
      }
      if (failure !== undefined) throw failure;
      if (done) break;
    }
  } catch (error) {
    throw interruptionOf(error, delivered, provider);
  }
  if (finishReason === undefined) {
    throw new StreamInterruptedError({
      provider,
      partialText: delivered.text,
      deliveredLength: delivered.length,
      reason: 'the stream ended without a finish reason or [DONE]',
    });
  }
  logger.debug('finished', { provider, finishReason, characters: delivered.length });
}
