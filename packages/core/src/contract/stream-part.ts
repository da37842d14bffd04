/**
 * Why an answer ended, in the same words for every provider. The server's own value is kept
 * beside it (`rawFinishReason`), so nothing it said is lost in the mapping.
 * - `stop`: the model finished, or a stop sequence was met.
 * - `length`: cut at the output token limit.
 * - `content-filter`: withheld by the provider's filter.
 * - `error`: the server ended the answer on an error it reported as a finish reason.
 * - `other`: anything else (a tool call, a reason this contract has no word for).
 */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'error' | 'other';

/** Token counts where the server reports them; a count it did not report is absent. */
export interface Usage {
  readonly inputTokens?: number | undefined;
  readonly outputTokens?: number | undefined;
  /** Part of `outputTokens` spent on reasoning. */
  readonly reasoningTokens?: number | undefined;
  readonly totalTokens?: number | undefined;
}

/** The call has committed to a provider: sent once, before the first text, reasoning or finish part. */
export interface StartPart {
  readonly type: 'start';
  /** The provider that serves the answer (for a fallback chain, the member that does). */
  readonly provider: string;
  readonly model: string;
}

/** Answer text that arrived together; never empty. */
export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/** The model's reasoning ("thinking") that arrived together; never empty. */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
}

/** The answer is complete: always the last part of a stream that completes. */
export interface FinishPart {
  readonly type: 'finish';
  readonly finishReason: FinishReason;
  /** The server's own word for it, e.g. `end_turn` or `max_tokens`; undefined when it gave none. */
  readonly rawFinishReason: string | undefined;
  readonly usage: Usage | undefined;
}

/** What a provider streams: what a provider implementation yields, minus `start`, which the base class adds. */
export type StreamPart = StartPart | TextPart | ReasoningPart | FinishPart;

/** What a provider implementation yields from `doStream`. */
export type ProviderPart = TextPart | ReasoningPart | FinishPart;
