import type { ServerResponse } from 'node:http';
import type { GatewayHttpError } from './gateway-http-error.js';

export const jsonContentType = 'application/json; charset=utf-8';

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, { 'content-type': jsonContentType, 'content-length': Buffer.byteLength(text), ...headers })
    .end(text);
}

export function sendError(response: ServerResponse, error: GatewayHttpError): void {
  sendJson(response, error.status, error.body, error.headers);
}
