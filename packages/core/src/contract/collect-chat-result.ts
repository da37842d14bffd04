import type { AttemptRecord } from '../errors/all-providers-failed-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import type { CallWarning } from './call-warning.js';
import type { ChatRequest } from './chat-request.js';
import type { ChatResult } from './chat-result.js';
import type { FinishPart, StreamPart } from './stream-part.js';

/**
 * Drains a validated call into one result. The caller's own listeners still hear every warning
 * and attempt; the result keeps a copy of each.
 */
export async function collectChatResult(
  request: ChatRequest,
  run: (observed: ChatRequest) => AsyncIterable<StreamPart>,
): Promise<ChatResult> {
  const warnings: CallWarning[] = [];
  const attempts: AttemptRecord[] = [];
  const observed: ChatRequest = {
    ...request,
    onWarning: (warning) => {
      warnings.push(warning);
      request.onWarning?.(warning);
    },
    onAttempt: (attempt) => {
      attempts.push(attempt);
      request.onAttempt?.(attempt);
    },
  };
  let text = '';
  let reasoning = '';
  let provider = '';
  let model = '';
  let finish: FinishPart | undefined;
  for await (const part of run(observed)) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else if (part.type === 'start') ({ provider, model } = part);
    else finish = part;
  }
  // The run ends in a finish part or throws; this guards a broken override of it.
  if (finish === undefined) throw new ProtocolError({ provider, detail: 'the stream ended without a finish part' });
  const { finishReason, rawFinishReason, usage } = finish;
  return { text, reasoning, finishReason, rawFinishReason, usage, provider, model, warnings, attempts };
}
