import { z } from 'zod';
import { findCookieNameProblem, findCookieValueProblem } from '../cookies/cookie-syntax.js';
import type { AttemptRecord } from '../errors/all-providers-failed-error.js';
import { proxyUrlSchema } from '../transport/proxy-url.js';
import { type TimeoutOverrides, timeoutsSchema } from '../transport/timeouts.js';
import type { WarningListener } from './call-warning.js';
import { type Messages, messagesSchema } from './message.js';

/**
 * The settings every provider understands by the same name; each maps them onto its own wire,
 * and says so with a warning when its wire has no place for one.
 */
export const standardSettingsShape = {
  temperature: z.number().min(0).max(2),
  topP: z.number().gt(0).lte(1),
  topK: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive(),
  stopSequences: z.array(z.string().min(1)).min(1),
  seed: z.number().int(),
};

export type StandardSettingName = keyof typeof standardSettingsShape;
export const standardSettingNames = Object.keys(standardSettingsShape) as readonly StandardSettingName[];

export interface StandardSettings {
  /** 0 to 2; how freely the model samples. */
  readonly temperature?: number | undefined;
  /** Nucleus sampling: above 0, at most 1. */
  readonly topP?: number | undefined;
  /** Sample from the k most likely tokens only. */
  readonly topK?: number | undefined;
  /** The longest answer, in tokens. */
  readonly maxOutputTokens?: number | undefined;
  /** The answer stops before any of these. */
  readonly stopSequences?: readonly string[] | undefined;
  /** For servers that can repeat an answer exactly. */
  readonly seed?: number | undefined;
}

export type AttemptListener = (attempt: AttemptRecord) => void;

/** Cookies a `Cookie` header can carry; a bad one is named, its value never shown. */
const cookieRecordSchema = z.record(z.string(), z.string()).superRefine((cookies, context) => {
  for (const [name, value] of Object.entries(cookies)) {
    const problem = findCookieNameProblem(name) ?? findCookieValueProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

const listener = <T>() =>
  z.custom<T>((value) => typeof value === 'function', { message: 'expected a function' }).optional();

const callOptionsShape = {
  ...z.object(standardSettingsShape).partial().shape,
  signal: z.instanceof(AbortSignal, { message: 'expected an AbortSignal' }).optional(),
  timeouts: timeoutsSchema.optional(),
  proxy: proxyUrlSchema.optional(),
  cookies: cookieRecordSchema.optional(),
  providerOptions: z
    .record(z.string(), z.record(z.string(), z.unknown(), { error: 'expected an object of options' }))
    .optional(),
  onWarning: listener<WarningListener>(),
  onAttempt: listener<AttemptListener>(),
};

/** What a call carries besides the messages and the model. Strict: a misspelt key is an error. */
export const callOptionsSchema = z.strictObject(callOptionsShape);

/** One request for `stream` and `complete`. Strict: a misspelt key is an error. */
export const chatRequestSchema = z.strictObject({
  messages: messagesSchema,
  model: z.string().optional(),
  ...callOptionsShape,
});

export interface CallOptions extends StandardSettings {
  /** Aborts the call; the stream then throws `AbortedError`. */
  readonly signal?: AbortSignal | undefined;
  /** Per-call limits, over the provider's. */
  readonly timeouts?: TimeoutOverrides | undefined;
  /** An http, https or socks5 proxy URL for this call. */
  readonly proxy?: string | undefined;
  /** Cookies for the provider's host; they win over configured and stored cookies. */
  readonly cookies?: Readonly<Record<string, string>> | undefined;
  /**
   * Options for one provider at a time, by its name: `{ OpenAI: { extraBody: {…} } }`. Each
   * provider validates its own entry strictly and ignores the others, so one request serves a chain.
   */
  readonly providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;
  /** Told of each standard setting a provider could not honour as asked. */
  readonly onWarning?: WarningListener | undefined;
  /** Told of each attempt as it ends: a chain's every member tried, or a provider's one call. */
  readonly onAttempt?: AttemptListener | undefined;
}

export interface ChatRequest extends CallOptions {
  readonly messages: Messages;
  /** The provider's default model when absent; aliases are resolved. */
  readonly model?: string | undefined;
}
