import {
  DeliveredText,
  interruptionOf,
  type Logger,
  ProtocolError,
  type SseEvent,
  StreamInterruptedError,
  UpstreamError,
} from '@switchyard/core';
import type { MessageRead, OpenAssistantEvent } from './openassistant-wire.js';

export interface DeltaContext {
  readonly provider: string;
  readonly logger: Logger;
  /** The events body was empty: the message had already finished; fetch it instead. */
  readonly fetchFinishedMessage: () => Promise<MessageRead>;
  /** Told once, at the first event that is not a queue position. */
  readonly onAnswerStarted?: (() => void) | undefined;
}

/** How pydantic writes a token event; everything after it is the text as a JSON string. */
const tokenEventPrefix = '{"event_type": "token", "text": ';

/**
 * The text of a token event in the exact shape the server writes, read as the JSON string it
 * ends with, which is cheaper than parsing the object; undefined for any other shape.
 */
function fastTokenText(data: string): string | undefined {
  if (!data.startsWith(tokenEventPrefix) || !data.endsWith('"}')) return undefined;
  try {
    const text: unknown = JSON.parse(data.slice(tokenEventPrefix.length, -1));
    return typeof text === 'string' ? text : undefined;
  } catch {
    // More fields after the text: not the shape this path knows.
    return undefined;
  }
}

function parseEvent(data: string, provider: string): OpenAssistantEvent {
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch (error) {
    throw new ProtocolError({ provider, detail: `an event is not JSON (${data.slice(0, 80)})`, cause: error });
  }
  if (
    typeof event !== 'object' ||
    event === null ||
    typeof (event as { event_type?: unknown }).event_type !== 'string'
  ) {
    throw new ProtocolError({ provider, detail: `an event has no event_type (${data.slice(0, 80)})` });
  }
  return event as OpenAssistantEvent;
}

function expectText(value: unknown, what: string, provider: string): string {
  if (typeof value !== 'string') throw new ProtocolError({ provider, detail: `${what} is not a string` });
  return value;
}

/** Text of a message that finished before we listened, or the failure it ended in. */
function finishedMessageText(message: MessageRead, provider: string): string {
  if (message.state === 'complete') return message.content ?? '';
  if (message.state === 'aborted_by_worker' || message.state === 'timeout' || message.state === 'cancelled') {
    throw new UpstreamError({ provider, upstreamMessage: `the message ended in state "${message.state}"` });
  }
  throw new StreamInterruptedError({
    provider,
    partialText: '',
    reason: `the events stream was empty while the message is still "${message.state}"`,
  });
}

/**
 * Turns the events stream into text deltas. The tokens parsed from one network read are joined
 * into one delta (nothing is held back for later reads); `pending` and plugin progress are only
 * observed. The stream must end in `message` or `error`: anything else is an interruption,
 * never a short answer passed off as complete.
 */
export async function* openAssistantDeltas(
  batches: AsyncIterable<readonly SseEvent[]>,
  context: DeltaContext,
): AsyncGenerator<string, void, undefined> {
  const { provider, logger } = context;
  const received = new DeliveredText();
  let sawEvent = false;
  let started = false;
  try {
    for await (const batch of batches) {
      sawEvent = true;
      let delta = '';
      let finished = false;
      let failure: UpstreamError | undefined;
      for (const { data } of batch) {
        if (!started && !data.includes('"pending"')) {
          started = true;
          context.onAnswerStarted?.();
        }
        const text = fastTokenText(data);
        if (text !== undefined) {
          delta += text;
          continue;
        }
        const event = parseEvent(data, provider);
        if (event.event_type === 'token') {
          delta += expectText(event.text, 'a token event text', provider);
        } else if (event.event_type === 'message') {
          if (received.length === 0 && delta === '') delta = event.message?.content ?? '';
          finished = true;
          break;
        } else if (event.event_type === 'error') {
          failure = new UpstreamError({
            provider,
            upstreamMessage: expectText(event.error, 'an error event', provider),
          });
          break;
        } else {
          logger.debug('event', { provider, event: event.event_type });
        }
      }
      if (delta !== '') {
        received.append(delta);
        yield delta;
      }
      if (failure !== undefined) throw failure;
      if (finished) return;
    }
  } catch (error) {
    throw interruptionOf(error, received, provider);
  }
  if (!sawEvent) {
    const text = finishedMessageText(await context.fetchFinishedMessage(), provider);
    if (text !== '') yield text;
    return;
  }
  throw new StreamInterruptedError({
    provider,
    partialText: received.text,
    deliveredLength: received.length,
    reason: 'the events stream ended without a final message or error event',
  });
}
