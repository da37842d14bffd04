/** The envelope every OpenAI-compatible server wraps its errors in, keys in OpenAI's order. */
export interface OpenAIErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string | null;
  };
}

export interface OpenAIErrorDetails {
  /** `invalid_request_error` by default. */
  readonly type?: string | undefined;
  readonly param?: string | null | undefined;
  readonly code?: string | null | undefined;
}

export function openAIErrorBody(message: string, details: OpenAIErrorDetails = {}): OpenAIErrorBody {
  return {
    error: {
      message,
      type: details.type ?? 'invalid_request_error',
      param: details.param ?? null,
      code: details.code ?? null,
    },
  };
}

/** Thrown by a route to answer with this status and error body. */
export class OpenAIRouteError extends Error {
  readonly body: OpenAIErrorBody;

  constructor(
    readonly status: number,
    message: string,
    details: OpenAIErrorDetails = {},
  ) {
    super(message);
    this.body = openAIErrorBody(message, details);
  }
}
