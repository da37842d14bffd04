import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteFault } from '../openassistant/openassistant-script.js';
import { readRequestBody } from './read-request-body.js';
import type { RecordedRequest } from './recorded-request.js';

export interface ReceivedRequest {
  readonly url: URL;
  readonly method: string;
  /** Undefined when the body was over the limit (the route answers 413). */
  readonly rawBody: string | undefined;
  /** The body parsed as JSON; undefined when empty, not JSON, or not declared JSON where that matters. */
  readonly json: unknown;
  readonly record: RecordedRequest;
}

/**
 * Reads a request the way both emulators record it. `jsonNeedsContentType` mirrors Next.js,
 * which parses a body only when it is declared `application/json`.
 */
export async function receiveRequest(
  request: IncomingMessage,
  options: { readonly maxBodyBytes: number; readonly jsonNeedsContentType: boolean },
): Promise<ReceivedRequest> {
  const url = new URL(request.url ?? '/', 'http://emulator');
  const method = request.method ?? 'GET';
  const rawBody = await readRequestBody(request, options.maxBodyBytes);
  const declaredJson = (request.headers['content-type'] ?? '').startsWith('application/json');
  let json: unknown;
  if (rawBody !== undefined && rawBody !== '' && (declaredJson || !options.jsonNeedsContentType)) {
    try {
      json = JSON.parse(rawBody);
    } catch {
      json = undefined;
    }
  }
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: request.headers,
    body: rawBody ?? '',
    json,
  };
  return { url, method, rawBody, json, record };
}

/**
 * Answers with an injected fault; true when the fault was the answer. A stall answers by never
 * answering, and counts among `open` until the client lets go, so a client that never does shows
 * up. A hold only delays the route's own answer: false once it is over.
 */
export async function answerWithFault(
  response: ServerResponse,
  fault: RouteFault | undefined,
  open: Set<AbortController>,
): Promise<boolean> {
  if (fault === undefined) return false;
  if ('holdUntil' in fault) {
    await fault.holdUntil.catch(() => undefined);
    return false;
  }
  if ('stall' in fault) {
    const held = new AbortController();
    open.add(held);
    response.once('close', () => open.delete(held));
    // A client that left while its body was read never fires 'close' again.
    if (response.destroyed) open.delete(held);
  } else {
    response.writeHead(fault.status, fault.headers ?? {}).end(fault.body ?? '');
  }
  return true;
}
