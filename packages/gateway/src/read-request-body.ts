import type { IncomingMessage } from 'node:http';
import { GatewayHttpError, invalidParam } from './gateway-http-error.js';

const tooLarge = (maxBytes: number) =>
  new GatewayHttpError({
    status: 413,
    type: 'invalid_request_error',
    code: 'request_too_large',
    // The rest of the body is not read: the connection cannot carry another request after it.
    headers: { connection: 'close' },
    message: `The request body is larger than this gateway's limit of ${maxBytes} bytes.`,
  });

/** Reads and parses a JSON body of at most `maxBytes`; a 413 past it, a 400 when it is not JSON. */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw invalidParam(
      null,
      'We could not parse the JSON body of your request. The API expects a JSON payload, but what was sent was not valid JSON.',
      'invalid_json',
    );
  }
}
