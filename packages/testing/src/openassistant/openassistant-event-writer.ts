import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { writeWithBackpressure } from '../http/write-with-backpressure.js';
import { type EmulatedMessage, messageRead } from './openassistant-records.js';
import type { ScriptedReply } from './openassistant-script.js';
import { type PythonJsonValue, pythonJsonDumps } from './python-json.js';

/** One SSE event exactly as sse-starlette frames it: a single `data:` line and CRLF separators. */
export function sseEvent(payload: PythonJsonValue): string {
  return `data: ${pythonJsonDumps(payload)}\r\n\r\n`;
}

const coalesceBytes = 16 * 1024;

export interface EventStreamContext {
  readonly response: ServerResponse;
  readonly message: EmulatedMessage;
  readonly reply: ScriptedReply;
  readonly pendingIntervalMs: number;
  /** Aborts when the client goes away or the server closes, so no timer outlives the stream. */
  readonly signal: AbortSignal;
}

/**
 * Plays a scripted reply as the inference server's event generator would: `pending` while
 * queued, a `token` per chunk, then `message` or `error`. Tokens with no delay between them are
 * written in 16 KiB runs, as a busy socket would carry them, so long streams are cheap to emulate.
 */
export async function writeEventStream(context: EventStreamContext): Promise<void> {
  const { response, message, reply, signal } = context;
  const tokens = reply.tokens ?? [];
  const end = reply.end ?? { kind: 'message' };
  const pendingInterval = reply.pendingIntervalMs ?? context.pendingIntervalMs;

  const pending = sseEvent({ event_type: 'pending', queue_position: 0, queue_size: 1 });
  const pendingCount = end.kind === 'pending-forever' ? Number.POSITIVE_INFINITY : (reply.pendingEvents ?? 1);
  for (let sent = 0; sent < pendingCount; sent++) {
    if (sent > 0) await delay(pendingInterval, undefined, { signal });
    if (!(await writeWithBackpressure(response, pending))) return;
  }

  message.state = 'in_progress';
  let run = '';
  for (let index = 0; index < tokens.length; index++) {
    if (index > 0 && (reply.tokenDelayMs ?? 0) > 0) {
      if (run !== '' && !(await writeWithBackpressure(response, run))) return;
      run = '';
      await delay(reply.tokenDelayMs ?? 0, undefined, { signal });
    }
    run += sseEvent({ event_type: 'token', text: tokens[index] ?? '' });
    const hold = reply.holdAfterToken;
    if (run.length >= coalesceBytes || hold?.index === index) {
      if (!(await writeWithBackpressure(response, run))) return;
      run = '';
    }
    if (hold?.index === index) await hold.until;
  }
  if (run !== '' && !(await writeWithBackpressure(response, run))) return;

  switch (end.kind) {
    case 'message':
      message.state = 'complete';
      message.content = reply.content ?? tokens.join('');
      response.end(sseEvent({ event_type: 'message', message: messageRead(message) }));
      return;
    case 'error':
      message.state = 'aborted_by_worker';
      response.end(sseEvent({ event_type: 'error', error: end.error, message: messageRead(message) }));
      return;
    case 'malformed':
      response.end(`data: ${end.line ?? '{"event_type": "token", "text": '}\r\n\r\n`);
      return;
    case 'close':
      response.end();
      return;
    case 'drop':
      // Let what was written reach the client first, so the drop is mid-stream, not before it.
      await new Promise<void>((resolve) => response.write('', () => resolve()));
      response.socket?.destroy();
      return;
    case 'stall':
    case 'pending-forever':
      // Held open until the client leaves; the server's close destroys it too.
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      return;
  }
}
