/**
 * OpenAI's error envelope, as its API answers and its SDKs read it: the SDKs raise `APIError`
 * subclasses by status and copy `message`, `type`, `param` and `code` onto them.
 */
export interface OpenAIErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string | null;
    /** Ours, on a 502: what each provider of the chain did. */
    readonly attempts?: readonly AttemptSummary[] | undefined;
  };
}

/** One attempt as a response may show it: names, outcome and the typed error's message, never a secret. */
export interface AttemptSummary {
  readonly provider: string;
  readonly model: string | null;
  readonly attempt: number;
  readonly outcome: string;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly duration_ms: number;
}
