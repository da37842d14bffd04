import { ConnectionError } from '../errors/connection-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import type { DeliveredSoFar } from './provider-call.js';

/**
 * What a lost connection means depends on what the caller already has: before any text it is a
 * (retryable) connection failure; after text, the answer is cut short and must say so.
 */
export function interruptionOf(error: unknown, delivered: DeliveredSoFar, provider: string): unknown {
  if (delivered.length === 0 || !ConnectionError.isInstance(error)) return error;
  return new StreamInterruptedError({
    provider,
    partialText: delivered.text,
    deliveredLength: delivered.length,
    reason: 'the connection was lost',
    cause: error,
  });
}
