/** How a scripted reply's completion ends. */
export type OpenAIReplyEnding =
  /** A chunk with an empty delta and the finish reason, then `data: [DONE]`, then the body ends. */
  | { readonly kind: 'done' }
  /** An `{"error":{…}}` event, as when the server fails mid-answer, then the body ends without `[DONE]`. */
  | {
      readonly kind: 'error';
      readonly message: string;
      /** `server_error` by default. */
      readonly type?: string | undefined;
      readonly code?: string | null | undefined;
    }
  /** What was written reaches the client, then the TCP connection is destroyed. */
  | { readonly kind: 'drop' }
  /** The body ends cleanly with neither a finish chunk nor `[DONE]`. */
  | { readonly kind: 'close' }
  /** The socket stays open and silent until the client leaves. */
  | { readonly kind: 'stall' }
  /** A `data:` line that is not JSON, then the body ends. */
  | { readonly kind: 'malformed'; readonly line?: string | undefined };

/** What the emulated model answers to one chat completion. */
export interface OpenAIScriptedReply {
  /** Token texts in order; each becomes one `chat.completion.chunk`. */
  readonly tokens?: readonly string[] | undefined;
  /** Reasoning streamed before the tokens, a chunk each, paced like them. */
  readonly reasoning?: readonly string[] | undefined;
  /** Where reasoning goes in a delta: `reasoning_content` (DeepSeek, vLLM, Ollama; the default) or `reasoning` (OpenRouter). */
  readonly reasoningField?: 'reasoning_content' | 'reasoning' | undefined;
  /** Delay before each token after the first. Default 0. */
  readonly tokenDelayMs?: number | undefined;
  /** Stops after the token at `index` (0-based) until `until` settles: proves a client streams. */
  readonly holdAfterToken?: { readonly index: number; readonly until: Promise<unknown> } | undefined;
  /** Default `stop`. */
  readonly finishReason?: 'stop' | 'length' | 'content_filter' | undefined;
  /**
   * `done` by default. Without streaming the ending takes the one form a JSON body allows: an
   * error is a 500 error body, malformed is a body that is not JSON, close is an empty 200.
   */
  readonly end?: OpenAIReplyEnding | undefined;
}

export type OpenAICompatibleRoute = 'chat_completions' | 'models';
