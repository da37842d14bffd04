import type { OpenAIErrorBody } from './openai-error-body.js';

export interface GatewayHttpErrorOptions {
  readonly status: number;
  readonly message: string;
  /** OpenAI's `type`: `invalid_request_error`, `rate_limit_error`, `server_error`, … */
  readonly type: string;
  readonly param?: string | null | undefined;
  readonly code?: string | null | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly attempts?: OpenAIErrorBody['error']['attempts'];
}

/** A failure the gateway answers with a status and OpenAI's error envelope. */
export class GatewayHttpError extends Error {
  readonly status: number;
  readonly body: OpenAIErrorBody;
  readonly headers: Readonly<Record<string, string>>;

  constructor(options: GatewayHttpErrorOptions) {
    super(options.message);
    this.name = 'GatewayHttpError';
    this.status = options.status;
    this.headers = options.headers ?? {};
    this.body = {
      error: {
        message: options.message,
        type: options.type,
        param: options.param ?? null,
        code: options.code ?? null,
        ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
      },
    };
  }
}

/** A 400 naming the request field at fault, as OpenAI's validation errors do. */
export function invalidParam(param: string | null, message: string, code: string | null = null): GatewayHttpError {
  return new GatewayHttpError({ status: 400, message, type: 'invalid_request_error', param, code });
}
