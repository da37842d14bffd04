import { ProtocolError, StreamInterruptedError, UpstreamError } from '@switchyard/core';
import {
  EventTemplate,
  objectField,
  type PartSink,
  parseJsonEvent,
  type SseEvent,
  type StreamDecoder,
} from '@switchyard/core/provider-kit';
import type { MessageRead } from './openassistant-wire.js';

export interface OpenAssistantDecoderContext {
  readonly provider: string;
  /** The events body was empty: the message had already finished; fetch it instead. */
  readonly fetchFinishedMessage: () => Promise<MessageRead>;
  /** Told once, at the first event that is not a queue position. */
  readonly onAnswerStarted: () => void;
  readonly onOtherEvent: (eventType: string) => void;
}

/** A message that finished before we listened: its text, or the failure it ended in. */
function reportFinished(message: MessageRead, out: PartSink, provider: string): void {
  if (message.state === 'complete') {
    out.text(message.content ?? '');
    out.finish('stop', message.state);
    out.end();
  } else if (message.state === 'aborted_by_worker' || message.state === 'timeout' || message.state === 'cancelled') {
    out.fail(new UpstreamError({ provider, upstreamMessage: `the message ended in state "${message.state}"` }));
  } else {
    out.fail(
      new StreamInterruptedError({
        provider,
        partialText: '',
        reason: `the events stream was empty while the message is still "${message.state}"`,
      }),
    );
  }
}

/**
 * Open Assistant's events (protocol §2.4): `token` is text; `pending` is a queue position (alive,
 * not progress); `message` ends the answer and repeats it whole, which is the text only when no
 * token came; `error` is the worker failing.
 */
export function openAssistantStreamDecoder(context: OpenAssistantDecoderContext): StreamDecoder<SseEvent> {
  const { provider } = context;
  let started = false;
  let sawText = false;
  const text = (out: PartSink, delta: string): void => {
    if (!started) {
      started = true;
      context.onAnswerStarted();
    }
    if (delta !== '') sawText = true;
    out.text(delta);
  };
  // Token events differ only in their text: after the first, they are read by it alone.
  const tokenEvent = new EventTemplate();
  return {
    finalEvent: 'a final message or error event',
    onEvent({ data }, out) {
      const token = tokenEvent.read(data);
      if (token !== undefined) return text(out, token);
      const event = parseJsonEvent(data, provider);
      const type = event.event_type;
      if (typeof type !== 'string') {
        throw new ProtocolError({ provider, detail: `an event has no event_type (${data.slice(0, 80)})` });
      }
      if (type === 'pending') return;
      if (type === 'token') {
        if (typeof event.text !== 'string')
          throw new ProtocolError({ provider, detail: 'a token event text is not a string' });
        tokenEvent.learn(data, event.text);
        return text(out, event.text);
      }
      if (type === 'message') {
        const message = objectField(event.message);
        if (!sawText) text(out, typeof message?.content === 'string' ? message.content : '');
        out.finish('stop', typeof message?.state === 'string' ? message.state : undefined);
        return out.end();
      }
      if (type === 'error') {
        if (typeof event.error !== 'string')
          throw new ProtocolError({ provider, detail: 'an error event is not a string' });
        return out.fail(new UpstreamError({ provider, upstreamMessage: event.error }));
      }
      context.onOtherEvent(type);
    },
    onEmptyBody: async (out) => reportFinished(await context.fetchFinishedMessage(), out, provider),
  };
}
