// What a provider author imports: `@switchyard/core/provider-kit`. Callers import the main entry.

export { formatPrompt } from '../contract/format-prompt.js';
export type { DeliveredSoFar, ProviderCall } from '../contract/provider-call.js';
export type { FinishPart, FinishReason, ProviderPart, StreamPart, Usage } from '../contract/stream-part.js';
export { formatCookieHeader } from '../cookies/cookie-header.js';
export { CookieStore } from '../cookies/cookie-store.js';
export { resolveCookiesDirectory } from '../cookies/cookies-directory.js';
export { createCallSignal } from '../transport/call-signal.js';
export { getDispatcher } from '../transport/dispatchers.js';
export type { ErrorResponse } from '../transport/error-from-status.js';
export { errorFromStatus } from '../transport/error-from-status.js';
export { proxyUrlSchema } from '../transport/proxy-url.js';
export { parseRetryAfter } from '../transport/retry-after.js';
export type { HttpMethod, HttpResponse } from '../transport/send-request.js';
export { timeoutsSchema } from '../transport/timeouts.js';
export { parseRequestInput } from '../validation/parse-request-input.js';
export type { HttpClient, HttpClientSettings, HttpRequest } from './http-client.js';
export { createHttpClient } from './http-client.js';
export type { JsonObject } from './parse-json-event.js';
export { countField, objectField, parseJsonEvent } from './parse-json-event.js';
export type { PartSink, StreamDecoder } from './part-sink.js';
export type { ReadStreamOptions, StreamCall } from './read-stream-parts.js';
export { defaultMaxBufferSize, readNdjsonParts, readSseParts } from './read-stream-parts.js';
export { registerProvider } from './register-provider.js';
export type { ResolveProviderSettingsOptions } from './resolve-provider-settings.js';
export { resolveProviderSettings } from './resolve-provider-settings.js';
export type { SseEvent } from './sse-framing.js';
