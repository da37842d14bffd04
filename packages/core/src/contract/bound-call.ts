import type { Logger } from '../logging/logger.js';
import { type AbortSource, abortSignalOf } from '../transport/call-signal.js';
import type { Timeouts } from '../transport/timeouts.js';
import type { CallWarning } from './call-warning.js';
import { type ChatRequest, type StandardSettings, standardSettingNames } from './chat-request.js';
import type { Messages } from './message.js';
import type { DeliveredSoFar, ProviderCall } from './provider-call.js';

const noSettings: StandardSettings = Object.freeze({});

function standardSettingsOf(request: ChatRequest): StandardSettings {
  let settings: Record<string, unknown> | undefined;
  for (const name of standardSettingNames) {
    const value = request[name];
    if (value === undefined) continue;
    settings ??= {};
    settings[name] = value;
  }
  return settings ?? noSettings;
}

/** One getter for every call, not a closure each. */
function signalOfCall(this: BoundCall<object>): AbortSignal {
  return abortSignalOf(this.callSignal);
}
const signalProperty: PropertyDescriptor = { get: signalOfCall, enumerable: true };

/**
 * A call as an implementation receives it: a class rather than an object of closures, since one
 * lives as long as its stream.
 */
export class BoundCall<TOptions extends object> implements ProviderCall<TOptions> {
  /** Made on first read (the kit's requests listen to `callSignal` without it); an own property, so `{ ...call }` keeps it. */
  declare readonly signal: AbortSignal;
  readonly messages: Messages;
  readonly settings: StandardSettings;
  readonly proxy: string | undefined;
  readonly cookies: Readonly<Record<string, string>> | undefined;

  constructor(
    readonly provider: string,
    readonly model: string,
    readonly request: ChatRequest,
    readonly options: TOptions,
    defaultProxy: string | undefined,
    readonly callSignal: AbortSource,
    readonly timeouts: Timeouts,
    readonly logger: Logger,
    readonly delivered: DeliveredSoFar,
  ) {
    Object.defineProperty(this, 'signal', signalProperty);
    this.messages = request.messages;
    this.settings = standardSettingsOf(request);
    this.proxy = request.proxy ?? defaultProxy;
    this.cookies = request.cookies;
  }

  warn(warning: Omit<CallWarning, 'provider'>): void {
    this.request.onWarning?.({ ...warning, provider: this.provider });
  }
}

/** The call's own signal when it is one of ours, so listening to it makes no AbortSignal; else its AbortSignal. */
export function callSignalOf(call: ProviderCall<object>): AbortSource {
  return call instanceof BoundCall ? call.callSignal : call.signal;
}
