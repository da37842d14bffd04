import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  InvalidResponseDataError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { AbortedError, StreamInterruptedError, SwitchyardError } from '@switchyard/core';
import { type ProviderCall, type ProviderPart, raceAbort } from '@switchyard/core/provider-kit';
import type { AiSdkCallOptions } from './ai-sdk-provider-settings.js';
import { callTransport } from './call-transport.js';
import { fromAiSdkFinishReason } from './finish-reason-mapping.js';
import { type AiSdkFailureContext, fromAiSdkError, fromAiSdkStreamError } from './from-ai-sdk-error.js';
import { linkedAbort } from './linked-abort.js';
import { StreamClock } from './stream-clock.js';
import { fromAiSdkUsage } from './usage-mapping.js';
import { fromAiSdkWarning } from './warning-mapping.js';

type FinishStreamPart = Extract<LanguageModelV3StreamPart, { type: 'finish' }>;

/** Where the reading of the model's stream stands. */
type ReadState =
  | { readonly kind: 'reading' }
  /** The stream closed without a finish part. */
  | { readonly kind: 'ended' }
  /** The finish part arrived; `closed` once the stream closed after it. */
  | { readonly kind: 'finished'; readonly finish: FinishStreamPart; readonly closed: boolean };

/** Parts that carry nothing a Switchyard stream has a place for; said once per kind, not dropped silently. */
const unmappedKinds = new Set<LanguageModelV3StreamPart['type']>([
  'tool-input-start',
  'tool-input-delta',
  'tool-input-end',
  'tool-call',
  'tool-result',
  'tool-approval-request',
  'file',
  'source',
]);

function callOptionsOf(call: ProviderCall<AiSdkCallOptions>, abortSignal: AbortSignal): LanguageModelV3CallOptions {
  const { settings, options } = call;
  return {
    prompt: call.messages.map((message) =>
      message.role === 'system'
        ? { role: 'system', content: message.content }
        : { role: message.role, content: [{ type: 'text', text: message.content }] },
    ),
    ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
    ...(settings.topP === undefined ? {} : { topP: settings.topP }),
    ...(settings.topK === undefined ? {} : { topK: settings.topK }),
    ...(settings.maxOutputTokens === undefined ? {} : { maxOutputTokens: settings.maxOutputTokens }),
    ...(settings.stopSequences === undefined ? {} : { stopSequences: [...settings.stopSequences] }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    ...(options.providerOptions === undefined
      ? {}
      : { providerOptions: options.providerOptions as NonNullable<LanguageModelV3CallOptions['providerOptions']> }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    abortSignal,
  };
}

/**
 * One call to an AI SDK model, as Switchyard parts. The model's text and reasoning deltas become
 * text and reasoning parts; its warnings, call warnings; its `finish`, the finish part. The
 * contract's end-of-stream rules hold whatever the model does: an `error` part or a thrown
 * error is a typed Switchyard error (raised after the text before it); a finish with reason
 * `error`, or a stream that ends without a finish, is an interruption carrying the text so far;
 * the call's timeouts run on the model's answer and on its deltas; and a consumer that stops,
 * an abort or a timeout cancels the model's stream and aborts its request at once.
 */
export async function* readAiSdkStream(
  model: LanguageModelV3,
  call: ProviderCall<AiSdkCallOptions>,
  options: { readonly switchyardFetch: boolean },
): AsyncGenerator<ProviderPart, void, undefined> {
  const context: AiSdkFailureContext = { provider: call.provider, model: call.model, timeouts: call.timeouts };
  const abort = linkedAbort(call.signal);
  // Through switchyardFetch the dispatcher times the connect, so the answer waits headersMs alone.
  const { connectMs, headersMs } = call.timeouts;
  const answerMs = options.switchyardFetch ? headersMs : connectMs + headersMs;
  const clock = new StreamClock({ ...call.timeouts, provider: call.provider, answerMs }, (timeout) =>
    abort.abort(timeout),
  );
  const warned = new Set<string>();
  let reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart> | undefined;
  let state: ReadState = { kind: 'reading' };
  try {
    const transport = { proxy: call.proxy, connectMs: call.timeouts.connectMs };
    const result = await raceAbort(
      callTransport.run(transport, () => model.doStream(callOptionsOf(call, abort.signal))),
      abort.signal,
    );
    const opened = result.stream.getReader();
    reader = opened;
    // One listener for the whole stream, not a race per part: an abort cancels the reader, which
    // ends a pending read at once even when the model ignores its signal.
    abort.signal.addEventListener('abort', () => opened.cancel(abort.signal.reason).catch(() => undefined), {
      once: true,
    });
    clock.answered();
    while (state.kind === 'reading') {
      const read = await opened.read();
      abort.signal.throwIfAborted();
      if (read.done) {
        state = { kind: 'ended' };
        break;
      }
      const part = read.value;
      switch (part.type) {
        case 'stream-start':
          for (const warning of part.warnings) call.warn(fromAiSdkWarning(warning));
          break;
        case 'text-delta':
        case 'reasoning-delta':
          if (part.delta === '') break;
          clock.hold();
          yield { type: part.type === 'text-delta' ? 'text' : 'reasoning', text: part.delta };
          clock.resume();
          break;
        case 'finish':
          state = { kind: 'finished', finish: part, closed: await closesAfterFinish(opened) };
          break;
        case 'error':
          // The AI SDK's word for a response that stopped short (no finish reason, say): the
          // answer so far is incomplete, as when the body ends without its final event.
          if (InvalidResponseDataError.isInstance(part.error)) {
            throw interruption(call, `the model's response broke off (${part.error.message})`, part.error);
          }
          throw fromAiSdkStreamError(part.error, context);
        default:
          if (unmappedKinds.has(part.type) && !warned.has(part.type)) {
            warned.add(part.type);
            call.warn({
              type: 'other',
              message: `the model streamed a ${part.type} part, which a Switchyard stream has no place for; it was left out`,
            });
          }
      }
    }
  } catch (error) {
    // A timeout of this call or the caller's abort: the signal's reason is the truth.
    if (abort.signal.aborted && SwitchyardError.isInstance(abort.signal.reason)) throw abort.signal.reason;
    throw fromAiSdkError(error, context);
  } finally {
    clock.stop();
    if (state.kind === 'reading' && !abort.signal.aborted) {
      // The consumer stopped or the model failed: its request must not go on alone.
      abort.abort(new AbortedError({ provider: call.provider }));
    }
    // A finished stream that lingers is cancelled too; a closed one needs nothing.
    if (state.kind === 'reading' || (state.kind === 'finished' && !state.closed)) {
      reader?.cancel().catch(() => undefined);
    }
    abort.dispose();
  }
  if (state.kind !== 'finished') throw interruption(call, 'the model ended its stream without a finish part');
  const { finishReason, rawFinishReason } = fromAiSdkFinishReason(state.finish.finishReason);
  if (finishReason === 'error') {
    const raw = rawFinishReason === undefined ? '' : ` (${rawFinishReason})`;
    throw interruption(call, `the model ended its answer with finish reason "error"${raw}`);
  }
  // undici puts a fully read response's socket back in its pool one turn later; the caller's
  // next request, sent on hearing the finish, then reuses it instead of opening another.
  if (state.closed) await nextTurn();
  yield { type: 'finish', finishReason, rawFinishReason, usage: fromAiSdkUsage(state.finish.usage) };
}

/**
 * Whether the model's stream closes right after its finish part, as the AI SDK's providers
 * close it. Not waited on longer: the answer is complete, and a stream that lingers is cancelled.
 */
async function closesAfterFinish(reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart>): Promise<boolean> {
  const read = reader.read();
  // Left pending when the turn wins; the cancel that follows settles it.
  read.catch(() => undefined);
  const next = await Promise.race([read, nextTurn()]);
  return next?.done === true;
}

/** The answer stopped short: an interruption carrying what the caller already has, never a short success. */
function interruption(call: ProviderCall<AiSdkCallOptions>, reason: string, cause?: unknown): StreamInterruptedError {
  return new StreamInterruptedError({
    provider: call.provider,
    partialText: call.delivered.text,
    deliveredLength: call.delivered.length,
    reason,
    cause,
  });
}
