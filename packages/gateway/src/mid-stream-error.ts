import { SwitchyardError } from '@switchyard/core';
import { sseData } from './chat-completion-chunks.js';
import type { OpenAIErrorBody } from './openai-error-body.js';
import type { SecretScrubber } from './secret-scrubber.js';

/**
 * The event that ends a stream which failed after its first chunk: `data: {"error": {...}}`, the
 * shape OpenAI streams and its SDKs raise as `APIError`. No `[DONE]` follows, so no client can
 * take the cut-off answer for a whole one.
 */
export function midStreamErrorEvent(error: unknown, shuttingDown: boolean, scrubber: SecretScrubber): string {
  const body: OpenAIErrorBody = {
    error: shuttingDown
      ? {
          message: 'The gateway is shutting down; the answer was cut off. Retry the request.',
          type: 'server_error',
          param: null,
          code: 'server_shutting_down',
        }
      : {
          message: SwitchyardError.isInstance(error)
            ? scrubber.scrub(`The answer was cut off: ${error.message}`)
            : 'The answer was cut off by an unexpected gateway failure; see its log.',
          type: 'server_error',
          param: null,
          code: SwitchyardError.isInstance(error) ? error.code : 'internal_error',
        },
  };
  return sseData(body);
}
