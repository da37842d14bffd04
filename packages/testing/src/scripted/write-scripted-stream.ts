import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { settledOrAborted, untilAborted } from '../http/abortable-waits.js';
import { flushed } from '../http/flushed.js';
import { writeWithBackpressure } from '../http/write-with-backpressure.js';
import type { ScriptedProtocolReply, StreamEncoder } from './scripted-protocol.js';

const keepAliveIntervalMs = 50;

/**
 * Plays a scripted reply in a protocol's words: its opening, the reasoning and the tokens with
 * their pacing and hold, then the scripted ending. Stops writing the moment the client leaves.
 */
export async function writeScriptedStream(context: {
  readonly response: ServerResponse;
  readonly encoder: StreamEncoder;
  readonly reply: ScriptedProtocolReply;
  readonly inputTokens: number;
  readonly signal: AbortSignal;
}): Promise<void> {
  const { response, encoder, reply, signal } = context;
  const write = (chunk: string) =>
    chunk === '' ? Promise.resolve(!response.destroyed) : writeWithBackpressure(response, chunk);
  const delayMs = reply.tokenDelayMs ?? 0;
  const deltas = [
    ...(reply.reasoning ?? []).map((text) => ({ kind: 'reasoning' as const, text })),
    ...(reply.tokens ?? []).map((text) => ({ kind: 'text' as const, text })),
  ];
  const firstToken = (reply.reasoning ?? []).length;
  if (!(await write(encoder.start()))) return;
  for (let index = 0; index < deltas.length; index++) {
    const delta = deltas[index];
    if (delta === undefined) continue;
    if (index > 0 && delayMs > 0) await delay(delayMs, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    const event = delta.kind === 'text' ? encoder.text(delta.text) : encoder.reasoning(delta.text);
    if (!(await write(event))) return;
    if (reply.holdAfterToken?.index === index - firstToken) await settledOrAborted(reply.holdAfterToken.until, signal);
  }
  if (signal.aborted) return;
  const end = reply.end ?? { kind: 'done' };
  switch (end.kind) {
    case 'done':
      response.end(
        encoder.finish({
          finishReason: reply.finishReason ?? 'stop',
          inputTokens: context.inputTokens,
          outputTokens: (reply.tokens ?? []).length + (reply.reasoning ?? []).length,
        }),
      );
      return;
    case 'error':
      response.end(encoder.error(end.message));
      return;
    case 'malformed':
      response.end(encoder.malformed());
      return;
    case 'close':
      response.end();
      return;
    case 'drop':
      // What was written reaches the client first, so the drop is mid-stream, not before it.
      await flushed(response);
      response.socket?.destroy();
      return;
    case 'stall':
      await stall(response, encoder, signal);
      return;
  }
}

/** Held open until the client leaves, with the protocol's keep-alives if it has any. */
async function stall(response: ServerResponse, encoder: StreamEncoder, signal: AbortSignal): Promise<void> {
  if (encoder.keepAlive === undefined) return untilAborted(signal);
  while (!signal.aborted) {
    if (!(await writeWithBackpressure(response, encoder.keepAlive()))) return;
    await delay(keepAliveIntervalMs, undefined, { signal }).catch(() => undefined);
  }
}
