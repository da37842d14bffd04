/** How a scripted reply's event stream ends. */
export type ReplyEnding =
  /** The final `message` event with the complete MessageRead, then the body ends. */
  | { readonly kind: 'message' }
  /** An `error` event, as when the worker aborts, then the body ends. */
  | { readonly kind: 'error'; readonly error: string }
  /** The TCP connection is destroyed without a final event. */
  | { readonly kind: 'drop' }
  /** The body ends cleanly but with no final event. */
  | { readonly kind: 'close' }
  /** The socket stays open and silent until the client leaves. */
  | { readonly kind: 'stall' }
  /** `pending` events keep coming until the client leaves, as for a cancelled message. */
  | { readonly kind: 'pending-forever' }
  /** A `data:` line that is not JSON, then the body ends. */
  | { readonly kind: 'malformed'; readonly line?: string };

/** What the emulated worker answers to one assistant message. */
export interface ScriptedReply {
  /** Token texts in order; each becomes one `token` event. */
  readonly tokens?: readonly string[] | undefined;
  /** The final `message.content`; defaults to the tokens joined. */
  readonly content?: string | undefined;
  /** `pending` events sent before the first token (the queue). Default 1. */
  readonly pendingEvents?: number | undefined;
  /** Delay between `pending` events; the server's own setting when absent. */
  readonly pendingIntervalMs?: number | undefined;
  /** Delay before each token after the first. Default 0. */
  readonly tokenDelayMs?: number | undefined;
  /** Stops after the token at `index` (0-based) until `until` settles: proves a client streams. */
  readonly holdAfterToken?: { readonly index: number; readonly until: Promise<unknown> } | undefined;
  readonly end?: ReplyEnding | undefined;
  /**
   * The worker finished before the client asked for events: the events route answers 200 with
   * an empty body (the website's reading of the inference server's 204). `true` is a complete
   * message; `aborted_by_worker` one the worker gave up on, with no content.
   */
  readonly alreadyFinished?: boolean | 'aborted_by_worker' | undefined;
}

export type OpenAssistantRoute =
  | 'create_chat'
  | 'list_chats'
  | 'get_chat'
  | 'update_chat'
  | 'delete_chat'
  | 'prompter_message'
  | 'assistant_message'
  | 'events'
  | 'message'
  | 'models';

/** A fault injected on the next request(s) to a route, before any of the route's own logic. */
export type RouteFault =
  | {
      readonly status: number;
      readonly body?: string | undefined;
      readonly headers?: Readonly<Record<string, string>> | undefined;
      /** How many requests it applies to. Default 1. */
      readonly times?: number | undefined;
    }
  /** The request is received and never answered. */
  | { readonly stall: true; readonly times?: number | undefined }
  /** The route answers as usual, but only once `until` settles: late, not lost (a chat is still created). */
  | { readonly holdUntil: Promise<unknown>; readonly times?: number | undefined };
