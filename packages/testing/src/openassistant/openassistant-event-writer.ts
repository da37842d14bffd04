import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { settledOrAborted, untilAborted } from '../http/abortable-waits.js';
import { writeWithBackpressure } from '../http/write-with-backpressure.js';
import { type EmulatedMessage, messageRead } from './openassistant-records.js';
import type { ScriptedReply } from './openassistant-script.js';
import { type PythonJsonValue, pythonJsonDumps } from './python-json.js';

/** One SSE event exactly as sse-starlette frames it: a single `data:` line and CRLF separators. */
export function sseEvent(payload: PythonJsonValue): string {
  return `data: ${pythonJsonDumps(payload)}\r\n\r\n`;
}

const coalesceBytes = 16 * 1024;
const renderedRunsCache = new WeakMap<readonly string[], readonly string[]>();

/**
 * Token events rendered once per token list and cut into 16 KiB runs, as a busy socket would
 * carry them. A replayed reply costs the emulator no rendering, so a benchmark measures its
 * client rather than the emulator.
 */
function renderedRuns(tokens: readonly string[]): readonly string[] {
  const cached = renderedRunsCache.get(tokens);
  if (cached !== undefined) return cached;
  const runs: string[] = [];
  let run = '';
  for (const token of tokens) {
    run += sseEvent({ event_type: 'token', text: token });
    if (run.length >= coalesceBytes) {
      runs.push(run);
      run = '';
    }
  }
  if (run !== '') runs.push(run);
  renderedRunsCache.set(tokens, runs);
  return runs;
}

/** Tokens one write each, with the scripted delays and hold; false when the client left. */
async function writePacedTokens(response: ServerResponse, reply: ScriptedReply, signal: AbortSignal): Promise<boolean> {
  const tokens = reply.tokens ?? [];
  for (let index = 0; index < tokens.length; index++) {
    if (index > 0 && (reply.tokenDelayMs ?? 0) > 0) await delay(reply.tokenDelayMs ?? 0, undefined, { signal });
    if (!(await writeWithBackpressure(response, sseEvent({ event_type: 'token', text: tokens[index] ?? '' })))) {
      return false;
    }
    // Let go as soon as the client does, so a stream the client closed is not counted as open.
    if (reply.holdAfterToken?.index === index) await settledOrAborted(reply.holdAfterToken.until, signal);
  }
  return true;
}

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
 * queued, a `token` per chunk, then `message` or `error`.
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
    // A newer assistant request from the same user cancelled this one: workers skip it, and the
    // stream says "pending" until the client gives up (protocol §2.4).
    if (message.state === 'cancelled') {
      for (;;) {
        await delay(pendingInterval, undefined, { signal });
        if (!(await writeWithBackpressure(response, pending))) return;
      }
    }
  }

  // Another reader already took this message; the emulator does not split tokens between readers.
  if (message.state !== 'pending') {
    response.end();
    return;
  }
  message.state = 'in_progress';
  if ((reply.tokenDelayMs ?? 0) === 0 && reply.holdAfterToken === undefined) {
    for (const run of renderedRuns(tokens)) if (!(await writeWithBackpressure(response, run))) return;
  } else if (!(await writePacedTokens(response, reply, signal))) {
    return;
  }

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
      await untilAborted(signal);
      return;
  }
}
