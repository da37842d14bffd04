import type { FinishReason } from '@switchyard/core';
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
import { openAIAuthHint } from './openai-compatible-settings.js';

const finishReasons: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
};

/**
 * `chat.completion.chunk` events: `delta.content` is text, `delta.reasoning_content` (DeepSeek,
 * vLLM, Ollama) or `delta.reasoning` (OpenRouter) is reasoning, `finish_reason` and `usage` end
 * the answer, `[DONE]` closes it, an `{"error": …}` event is typed by its code.
 */
export function openAIStreamDecoder(context: { provider: string; model: string }): StreamDecoder<SseEvent> {
  // A stream's content chunks differ only in their text: after the first, they are read by it alone.
  const contentChunk = new EventTemplate();
  return {
    finalEvent: 'a finish reason or [DONE]',
    onEvent({ data }, out) {
      const text = contentChunk.read(data);
      if (text !== undefined) return out.text(text);
      if (data === '[DONE]') return out.end();
      const chunk = parseJsonEvent(data, context.provider);
      const error = chunk.error === undefined ? undefined : errorEnvelopeOf(chunk);
      if (error !== undefined) return out.fail(errorFromEnvelope(error, { ...context, authHint: openAIAuthHint }));
      const choice = Array.isArray(chunk.choices) ? objectField(chunk.choices[0]) : undefined;
      const delta = objectField(choice?.delta);
      const reasoning = delta?.reasoning_content ?? delta?.reasoning;
      if (typeof reasoning === 'string') out.reasoning(reasoning);
      if (typeof delta?.content === 'string') {
        out.text(delta.content);
        const onlyText = reasoning == null && choice?.finish_reason == null && chunk.usage == null;
        if (onlyText) contentChunk.learn(data, delta.content);
      }
      if (typeof choice?.finish_reason === 'string') {
        out.finish(finishReasons[choice.finish_reason] ?? 'other', choice.finish_reason);
      }
      const usage = objectField(chunk.usage);
      if (usage !== undefined) {
        out.usage({
          inputTokens: countField(usage.prompt_tokens),
          outputTokens: countField(usage.completion_tokens),
          reasoningTokens: countField(objectField(usage.completion_tokens_details)?.reasoning_tokens),
          totalTokens: countField(usage.total_tokens),
        });
      }
    },
  };
}
