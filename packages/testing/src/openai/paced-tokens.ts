import { setTimeout as delay } from 'node:timers/promises';
import { settledOrAborted } from '../http/abortable-waits.js';
import type { OpenAIScriptedReply } from './openai-script.js';

/**
 * The reply's tokens with its delays before and its hold after them, as a model generating them
 * would pace them. Stops early, quietly, when `signal` aborts; the caller checks the signal.
 */
export async function* pacedTokens(reply: OpenAIScriptedReply, signal: AbortSignal): AsyncGenerator<string> {
  const tokens = reply.tokens ?? [];
  const delayMs = reply.tokenDelayMs ?? 0;
  for (let index = 0; index < tokens.length; index++) {
    if (index > 0 && delayMs > 0) {
      try {
        await delay(delayMs, undefined, { signal });
      } catch {
        return;
      }
    }
    if (signal.aborted) return;
    yield tokens[index] ?? '';
    if (reply.holdAfterToken?.index === index) await settledOrAborted(reply.holdAfterToken.until, signal);
  }
}
