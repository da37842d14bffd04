import type { ServerResponse } from 'node:http';
import { untilAborted } from '../http/abortable-waits.js';
import { type CompletionIdentity, type CompletionUsage, chatCompletion } from './chat-completion-records.js';
import { openAIErrorBody } from './openai-error.js';
import type { OpenAIScriptedReply } from './openai-script.js';
import { pacedTokens } from './paced-tokens.js';

export const jsonContentType = 'application/json';

export interface ChatCompletionContext {
  readonly response: ServerResponse;
  readonly identity: CompletionIdentity;
  readonly reply: OpenAIScriptedReply;
  readonly usage: CompletionUsage;
  /** Aborts when the client goes away or the server closes, so no timer outlives the answer. */
  readonly signal: AbortSignal;
}

/**
 * Answers a non-streaming completion once the scripted generation is over (its delays and hold
 * are the latency), with the scripted ending in the only form a single JSON body allows.
 */
export async function writeChatCompletion(context: ChatCompletionContext): Promise<void> {
  const { response, identity, reply, signal } = context;
  const end = reply.end ?? { kind: 'done' };
  let reasoning = '';
  for await (const thought of pacedTokens({ tokens: reply.reasoning, tokenDelayMs: reply.tokenDelayMs }, signal)) {
    reasoning += thought;
  }
  let content = '';
  for await (const token of pacedTokens(reply, signal)) content += token;
  if (signal.aborted) return;

  switch (end.kind) {
    case 'done': {
      const body = chatCompletion(identity, content, reply.finishReason ?? 'stop', context.usage, reasoning);
      response.writeHead(200, { 'content-type': jsonContentType }).end(JSON.stringify(body));
      return;
    }
    case 'error': {
      const body = openAIErrorBody(end.message, { type: end.type ?? 'server_error', code: end.code ?? null });
      response.writeHead(500, { 'content-type': jsonContentType }).end(JSON.stringify(body));
      return;
    }
    case 'malformed':
      response
        .writeHead(200, { 'content-type': jsonContentType })
        .end(end.line ?? `{"id":"${identity.id}","object":"chat.completion","cho`);
      return;
    case 'close':
      response.writeHead(200, { 'content-type': jsonContentType }).end();
      return;
    case 'drop':
      response.socket?.destroy();
      return;
    case 'stall':
      await untilAborted(signal);
      return;
  }
}
