import type { FinishReason, Usage } from '@switchyard/core';
import {
  countField,
  EventTemplate,
  errorEnvelopeOf,
  errorFromEnvelope,
  objectField,
  parseJsonEvent,
  type SseEvent,
  type StreamDecoder,
} from '@switchyard/core/provider-kit';
import { anthropicAuthHint } from './anthropic-settings.js';

const finishReasons: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  refusal: 'content-filter',
};

/**
 * The Messages API's events: `text_delta` is text, `thinking_delta` reasoning, `message_delta`
 * the stop reason and output tokens, `message_stop` the end; `ping` and the block boundaries
 * carry nothing; an `error` event is typed by its error type.
 */
export function anthropicStreamDecoder(provider: string, model: string): StreamDecoder<SseEvent> {
  let inputTokens: number | undefined;
  // A block's text deltas differ only in their text: after the first, they are read by it alone.
  const textDelta = new EventTemplate();
  return {
    finalEvent: 'message_stop',
    onEvent({ data }, out) {
      const text = textDelta.read(data);
      if (text !== undefined) return out.text(text);
      const event = parseJsonEvent(data, provider);
      switch (event.type) {
        case 'content_block_delta': {
          const delta = objectField(event.delta);
          if (delta?.type === 'text_delta' && typeof delta.text === 'string') {
            out.text(delta.text);
            textDelta.learn(data, delta.text);
          } else if (delta?.type === 'thinking_delta' && typeof delta.thinking === 'string')
            out.reasoning(delta.thinking);
          return;
        }
        case 'content_block_start': {
          // A block may open with text already in it.
          const block = objectField(event.content_block);
          if (block?.type === 'text' && typeof block.text === 'string') out.text(block.text);
          return;
        }
        case 'message_start':
          inputTokens = countField(objectField(objectField(event.message)?.usage)?.input_tokens);
          return;
        case 'message_delta': {
          const reason = objectField(event.delta)?.stop_reason;
          if (typeof reason === 'string') out.finish(finishReasons[reason] ?? 'other', reason);
          const usage = objectField(event.usage);
          const outputTokens = countField(usage?.output_tokens);
          const input = countField(usage?.input_tokens) ?? inputTokens;
          const counts: Usage = { inputTokens: input, outputTokens };
          out.usage(
            input !== undefined && outputTokens !== undefined
              ? { ...counts, totalTokens: input + outputTokens }
              : counts,
          );
          return;
        }
        case 'message_stop':
          return out.end();
        case 'error': {
          const error = errorEnvelopeOf(event) ?? { type: 'error', code: undefined, message: data.slice(0, 200) };
          return out.fail(errorFromEnvelope(error, { provider, model, authHint: anthropicAuthHint }));
        }
      }
    },
  };
}
