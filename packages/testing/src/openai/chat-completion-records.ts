import { randomBytes } from 'node:crypto';

export type FinishReason = 'stop' | 'length' | 'content_filter';

/** What every chunk of one completion repeats. */
export interface CompletionIdentity {
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
  /** The model as the request named it. */
  readonly model: string;
}

export interface CompletionUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

export interface ChunkDelta {
  readonly role?: 'assistant';
  readonly content?: string;
  /** DeepSeek's name for streamed reasoning, which vLLM and Ollama copy. */
  readonly reasoning_content?: string;
  /** OpenRouter's name for it. */
  readonly reasoning?: string;
}

export interface ChatCompletionChunk {
  readonly id: string;
  readonly object: 'chat.completion.chunk';
  readonly created: number;
  readonly model: string;
  readonly system_fingerprint: null;
  readonly choices: ReadonlyArray<{
    readonly index: 0;
    readonly delta: ChunkDelta;
    readonly logprobs: null;
    readonly finish_reason: FinishReason | null;
  }>;
  /** Present only when the request asked for `stream_options.include_usage`. */
  readonly usage?: CompletionUsage | null;
}

export interface ChatCompletion {
  readonly id: string;
  readonly object: 'chat.completion';
  readonly created: number;
  readonly model: string;
  readonly choices: ReadonlyArray<{
    readonly index: 0;
    readonly message: { readonly role: 'assistant'; readonly content: string; readonly reasoning_content?: string };
    readonly logprobs: null;
    readonly finish_reason: FinishReason;
  }>;
  readonly usage: CompletionUsage;
}

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `chatcmpl-` and 29 random letters and digits, as OpenAI names completions. */
function completionId(): string {
  let suffix = '';
  for (const byte of randomBytes(29)) suffix += idAlphabet[byte % idAlphabet.length];
  return `chatcmpl-${suffix}`;
}

export function newCompletionIdentity(model: string): CompletionIdentity {
  return { id: completionId(), created: Math.floor(Date.now() / 1000), model };
}

/** Counts as rough as a tokenizer-free emulator can make them: a token per scripted token, four characters per prompt token. */
export function completionUsage(promptCharacters: number, completionTokens: number): CompletionUsage {
  const promptTokens = Math.ceil(promptCharacters / 4);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/**
 * One streamed chunk with a single choice. OpenAI adds a `usage` key (null on every chunk but the
 * last) only when the request asked for usage.
 */
export function chatCompletionChunk(
  identity: CompletionIdentity,
  delta: ChunkDelta,
  finishReason: FinishReason | null,
  includeUsage: boolean,
): ChatCompletionChunk {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  };
}

/** The last chunk OpenAI streams when asked for usage: no choices, only the counts. */
export function usageChunk(identity: CompletionIdentity, usage: CompletionUsage): ChatCompletionChunk {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    system_fingerprint: null,
    choices: [],
    usage,
  };
}

export function chatCompletion(
  identity: CompletionIdentity,
  content: string,
  finishReason: FinishReason,
  usage: CompletionUsage,
  reasoning = '',
): ChatCompletion {
  const message = {
    role: 'assistant' as const,
    content,
    ...(reasoning === '' ? {} : { reasoning_content: reasoning }),
  };
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage,
  };
}
