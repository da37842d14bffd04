import type { ServerResponse } from 'node:http';
import { untilAborted } from '../http/abortable-waits.js';
import { flushed } from '../http/flushed.js';
import { writeWithBackpressure } from '../http/write-with-backpressure.js';
import {
  type CompletionIdentity,
  type CompletionUsage,
  chatCompletionChunk,
  usageChunk,
} from './chat-completion-records.js';
import { openAIErrorBody } from './openai-error.js';
import type { OpenAIScriptedReply } from './openai-script.js';
import { pacedTokens } from './paced-tokens.js';

/** One SSE event as OpenAI frames it: a single `data:` line of compact JSON, LF separators. */
export function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

export const doneEvent = 'data: [DONE]\n\n';

const coalesceBytes = 16 * 1024;

/**
 * Renders a content chunk by splicing the token's JSON string into the chunk rendered once, so
 * a long reply costs the emulator one small `JSON.stringify` per token and a benchmark measures
 * its client rather than the emulator.
 */
function contentEventRenderer(identity: CompletionIdentity, includeUsage: boolean): (token: string) => string {
  const placeholder = `\u0000${identity.id}\u0000`;
  const rendered = sseData(chatCompletionChunk(identity, { content: placeholder }, null, includeUsage));
  const [before = '', after = ''] = rendered.split(JSON.stringify(placeholder));
  return (token) => `${before}${JSON.stringify(token)}${after}`;
}

export interface ChatCompletionStreamContext {
  readonly response: ServerResponse;
  readonly identity: CompletionIdentity;
  readonly reply: OpenAIScriptedReply;
  /** The request's `stream_options.include_usage`. */
  readonly includeUsage: boolean;
  /** Counts for the final usage chunk, when the request asked for one. */
  readonly usage: CompletionUsage;
  /** Aborts when the client goes away or the server closes, so no timer outlives the stream. */
  readonly signal: AbortSignal;
}

/** Token chunks in ~16 KiB writes, for replies with nothing to pace; false when the client left. */
async function writeCoalescedTokens(
  response: ServerResponse,
  tokens: readonly string[],
  contentEvent: (token: string) => string,
): Promise<boolean> {
  let run = '';
  for (const token of tokens) {
    run += contentEvent(token);
    if (run.length >= coalesceBytes) {
      if (!(await writeWithBackpressure(response, run))) return false;
      run = '';
    }
  }
  return run === '' || writeWithBackpressure(response, run);
}

/** Token chunks one write each, with the scripted delays and hold; false when the client left. */
async function writePacedTokens(
  context: ChatCompletionStreamContext,
  contentEvent: (token: string) => string,
): Promise<boolean> {
  const { response, reply, signal } = context;
  for await (const token of pacedTokens(reply, signal)) {
    if (!(await writeWithBackpressure(response, contentEvent(token)))) return false;
  }
  return !signal.aborted;
}

/**
 * Plays a scripted reply as an OpenAI-compatible server streams a chat completion: the role
 * chunk, a content chunk per token, then the scripted ending.
 */
export async function writeChatCompletionStream(context: ChatCompletionStreamContext): Promise<void> {
  const { response, identity, reply, includeUsage, signal } = context;
  const tokens = reply.tokens ?? [];
  const end = reply.end ?? { kind: 'done' };
  const contentEvent = contentEventRenderer(identity, includeUsage);

  // Sent first even when no token follows, as every server does once generation starts.
  const roleEvent = sseData(chatCompletionChunk(identity, { role: 'assistant', content: '' }, null, includeUsage));
  if (!(await writeWithBackpressure(response, roleEvent))) return;
  const reasoningField = reply.reasoningField ?? 'reasoning_content';
  for await (const thought of pacedTokens({ tokens: reply.reasoning, tokenDelayMs: reply.tokenDelayMs }, signal)) {
    const event = sseData(chatCompletionChunk(identity, { [reasoningField]: thought }, null, includeUsage));
    if (!(await writeWithBackpressure(response, event))) return;
  }
  if (signal.aborted) return;
  const paced = (reply.tokenDelayMs ?? 0) > 0 || reply.holdAfterToken !== undefined;
  const written = paced
    ? await writePacedTokens(context, contentEvent)
    : await writeCoalescedTokens(response, tokens, contentEvent);
  if (!written) return;

  switch (end.kind) {
    case 'done': {
      let ending = sseData(chatCompletionChunk(identity, {}, reply.finishReason ?? 'stop', includeUsage));
      if (includeUsage) ending += sseData(usageChunk(identity, context.usage));
      response.end(`${ending}${doneEvent}`);
      return;
    }
    case 'error':
      response.end(sseData(openAIErrorBody(end.message, { type: end.type ?? 'server_error', code: end.code ?? null })));
      return;
    case 'malformed':
      response.end(`data: ${end.line ?? `{"id":"${identity.id}","object":"chat.completion.chunk","cho`}\n\n`);
      return;
    case 'close':
      response.end();
      return;
    case 'drop':
      // Let what was written reach the client first, so the drop is mid-stream, not before it.
      await flushed(response);
      response.socket?.destroy();
      return;
    case 'stall':
      // Held open until the client leaves; the server's close aborts it too.
      await untilAborted(signal);
      return;
  }
}
