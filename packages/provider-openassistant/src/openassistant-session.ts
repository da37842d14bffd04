import type { ErrorResponse, HttpMethod, HttpResponse, Logger, SwitchyardError, Timeouts } from '@switchyard/core';
import { sendRequest } from '@switchyard/core';

/** Everything the requests of one call share. */
export interface OpenAssistantSession {
  readonly baseUrl: string;
  /** User-Agent and Cookie, sent to the base URL's host only. */
  readonly headers: Readonly<Record<string, string>>;
  readonly proxy: string | undefined;
  readonly timeouts: Timeouts;
  readonly signal: AbortSignal;
  readonly provider: string;
  readonly logger: Logger;
  readonly mapErrorResponse: (response: ErrorResponse) => SwitchyardError | undefined;
}

export interface SessionRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string>> | undefined;
  readonly json?: unknown;
  readonly streaming?: boolean | undefined;
  /** Overrides the session's signal (the cleanup delete has its own). */
  readonly signal?: AbortSignal | undefined;
}

export function sendSessionRequest(session: OpenAssistantSession, request: SessionRequest): Promise<HttpResponse> {
  // Appended, not resolved: a site served under a path prefix keeps it.
  const url = new URL(`${session.baseUrl}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const hasBody = request.json !== undefined;
  return sendRequest({
    url,
    method: request.method,
    headers: {
      ...session.headers,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...(request.streaming === true ? { accept: 'text/event-stream' } : {}),
    },
    body: hasBody ? JSON.stringify(request.json) : undefined,
    signal: request.signal ?? session.signal,
    proxy: session.proxy,
    timeouts: session.timeouts,
    provider: session.provider,
    streaming: request.streaming,
    logger: session.logger,
    mapErrorResponse: session.mapErrorResponse,
  });
}
