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

const notJson = () =>
  invalidParam(
    null,
    'We could not parse the JSON body of your request. The API expects a JSON payload, but what was sent was not valid JSON.',
    'invalid_json',
  );

function parseJson(chunks: readonly Buffer[]): unknown {
  try {
    return JSON.parse((chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8'));
  } catch {
    throw notJson();
  }
}

/**
 * Reads and parses a JSON body of at most `maxBytes`; a 413 past it, a 400 when it is not JSON.
 * On the path to the first token, so: a body that came in the same read as its headers (nearly
 * every one) is in the request's buffer by the time a microtask runs, and is taken from there at
 * once, without waiting for the stream's events; any other is read through plain stream events,
 * not async iteration.
 */
export async function readJsonBody(request: IncomingMessage, maxBytes: number, signal?: AbortSignal): Promise<unknown> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  await undefined;
  if (declared > 0 && request.readableLength === declared && !request.readableFlowing) {
    return parseJson([request.read() as Buffer]);
  }
  return readStreamed(request, maxBytes, signal);
}

function readStreamed(request: IncomingMessage, maxBytes: number, signal: AbortSignal | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanUp();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanUp();
      try {
        resolve(parseJson(chunks));
      } catch (error) {
        reject(error);
      }
    };
    const onAbort = () => {
      cleanUp();
      reject(signal?.aborted ? signal.reason : new Error('the client closed the connection while sending its request'));
    };
    const cleanUp = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAbort);
      request.off('close', onAbort);
      signal?.removeEventListener('abort', onAbort);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onAbort);
    request.on('close', onAbort);
    // Shutdown does not wait for a client that is slow to send its request.
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
