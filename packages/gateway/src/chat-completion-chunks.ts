import { randomBytes } from 'node:crypto';
import type { FinishReason, Usage } from '@switchyard/core';

/** What every chunk of one completion repeats. */
export interface CompletionIdentity {
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
  /** `provider/model` of the serving provider: who answered, in the field clients already read. */
  readonly model: string;
}

export interface OpenAIUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
  readonly completion_tokens_details?: { readonly reasoning_tokens: number } | undefined;
}

export type OpenAIFinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'function_call';

// Unique per process by the counter, across processes by the random prefix: no random bytes per request.
const idPrefix = `chatcmpl-${randomBytes(9).toString('base64url')}`;
let completions = 0;

export function newCompletionIdentity(provider: string, model: string): CompletionIdentity {
  completions += 1;
  return {
    id: `${idPrefix}${completions.toString(36)}`,
    created: Math.floor(Date.now() / 1000),
    model: `${provider}/${model}`,
  };
}

const openAIReasons = new Set<string>(['stop', 'length', 'content_filter', 'tool_calls', 'function_call']);

/**
 * Switchyard's finish reason in OpenAI's words. `other` keeps the server's own word when OpenAI
 * has it, else reads as `stop`. (`error` never gets here: it is answered as an error.)
 */
export function openAIFinishReason(reason: FinishReason, raw: string | undefined): OpenAIFinishReason {
  if (reason === 'length') return 'length';
  if (reason === 'content-filter') return 'content_filter';
  if (reason === 'other' && raw !== undefined && openAIReasons.has(raw)) return raw as OpenAIFinishReason;
  return 'stop';
}

/** OpenAI's usage object, or undefined when the provider reported no counts. */
export function openAIUsage(usage: Usage | undefined): OpenAIUsage | undefined {
  if (usage === undefined) return undefined;
  const { inputTokens, outputTokens, reasoningTokens, totalTokens } = usage;
  if (inputTokens === undefined && outputTokens === undefined && totalTokens === undefined) return undefined;
  const prompt = inputTokens ?? 0;
  const completion = outputTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: totalTokens ?? prompt + completion,
    ...(reasoningTokens === undefined ? {} : { completion_tokens_details: { reasoning_tokens: reasoningTokens } }),
  };
}

export interface ChunkDelta {
  readonly role?: 'assistant';
  readonly content?: string;
  /** DeepSeek's name for streamed reasoning, which vLLM, Ollama and the AI SDK read. */
  readonly reasoning_content?: string;
}

/**
 * Renders the chunks of one streamed completion as SSE events, in the shape OpenAI streams
 * them: `usage: null` on every chunk when usage was asked for, and a last chunk with empty
 * `choices` that carries the counts.
 */
export class ChunkWriter {
  readonly #prefix: string;
  readonly #suffix: string;

  constructor(
    readonly identity: CompletionIdentity,
    readonly includeUsage: boolean,
  ) {
    // Everything but the delta is the same in every chunk: rendered once, spliced around each delta.
    const head = `{"id":${JSON.stringify(identity.id)},"object":"chat.completion.chunk","created":${identity.created},"model":${JSON.stringify(identity.model)},"system_fingerprint":null,"choices":[{"index":0,"delta":`;
    this.#prefix = `data: ${head}`;
    this.#suffix = `,"logprobs":null,"finish_reason":null}]${includeUsage ? ',"usage":null' : ''}}\n\n`;
  }

  delta(delta: ChunkDelta): string {
    return `${this.#prefix}${JSON.stringify(delta)}${this.#suffix}`;
  }

  text(text: string): string {
    return `${this.#prefix}{"content":${JSON.stringify(text)}}${this.#suffix}`;
  }

  reasoning(text: string): string {
    return `${this.#prefix}{"reasoning_content":${JSON.stringify(text)}}${this.#suffix}`;
  }

  /** The finish chunk, the usage chunk when asked for, and `[DONE]`. */
  finish(reason: OpenAIFinishReason, usage: OpenAIUsage | undefined): string {
    const { id, created, model } = this.identity;
    const common = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: null };
    const finish = {
      ...common,
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: reason }],
      ...(this.includeUsage ? { usage: null } : {}),
    };
    let events = sseData(finish);
    if (this.includeUsage) events += sseData({ ...common, choices: [], usage: usage ?? null });
    return `${events}data: [DONE]\n\n`;
  }
}

export function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}
