import type { z } from 'zod';
import { callSignalOf } from '../contract/bound-call.js';
import type { ProviderCall } from '../contract/provider-call.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { ErrorResponse } from '../transport/error-from-status.js';
import { readJsonBody } from '../transport/read-json-body.js';
import { type HttpMethod, type HttpResponse, sendRequest } from '../transport/send-request.js';

/** What every request of a provider shares: built once per provider, bound to each call by `createHttpClient`. */
export interface HttpClientSettings {
  /** Paths are appended to it, not resolved against it, so a site under a path prefix keeps it. */
  readonly baseUrl: string;
  /** Sent with every request (auth, a User-Agent, a version header). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * The API version the base URL should end in (`v1`): a 404 from one that does not says so. Error
   * bodies in the common envelopes are read either way (a missing model, a rejected request).
   */
  readonly apiVersion?: string | undefined;
  /** What to tell the user on 401/403 when `mapErrorResponse` says nothing. */
  readonly authHint?: string | undefined;
  /** The provider's reading of an error response, for the call it answered; undefined keeps the default mapping. */
  readonly mapErrorResponse?:
    | ((response: ErrorResponse, call: ProviderCall<object>) => SwitchyardError | undefined)
    | undefined;
}

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string>> | undefined;
  /** Sent as JSON, with its content type. */
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Overrides the call's signal: a cleanup request has a deadline of its own. */
  readonly signal?: AbortSignal | undefined;
}

/** Requests bound to one call: its signal, proxy, timeouts, provider name and logger. */
export interface HttpClient {
  /** Resolves for 2xx only; any other status is read and thrown as a typed error. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /** A request whose answer is a long-lived stream: no body timeout but the stream's own clocks. */
  stream(request: HttpRequest): Promise<HttpResponse>;
  /** A request whose answer is one JSON body, checked by `schema` (`what` names it in errors). */
  json<TSchema extends z.ZodType>(
    request: HttpRequest & { readonly schema: TSchema; readonly what: string },
  ): Promise<z.output<TSchema>>;
  /** The URL a path resolves to, for messages. */
  url(path: string): string;
}

/**
 * Requests bound to one call. A class rather than closures: one lives as long as its stream, and
 * a provider with many streams open keeps one small object each.
 */
class CallHttpClient implements HttpClient {
  readonly #baseUrl: string;

  constructor(
    private readonly call: ProviderCall<object>,
    private readonly settings: HttpClientSettings,
  ) {
    this.#baseUrl = settings.baseUrl.endsWith('/') ? settings.baseUrl.replace(/\/+$/, '') : settings.baseUrl;
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    return this.#send(request, false);
  }

  stream(request: HttpRequest): Promise<HttpResponse> {
    return this.#send(request, true);
  }

  async json<TSchema extends z.ZodType>(
    request: HttpRequest & { readonly schema: TSchema; readonly what: string },
  ): Promise<z.output<TSchema>> {
    const response = await this.#send(request, false);
    const { provider, timeouts } = this.call;
    return readJsonBody(response, request.schema, { provider, what: request.what, timeouts });
  }

  url(path: string): string {
    return `${this.#baseUrl}${path}`;
  }

  #send(request: HttpRequest, streaming: boolean): Promise<HttpResponse> {
    const { call, settings } = this;
    const mapError = settings.mapErrorResponse;
    let url: URL | string = `${this.#baseUrl}${request.path}`;
    if (request.query !== undefined) {
      url = new URL(url);
      for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
    }
    const hasBody = request.json !== undefined;
    const headers = requestHeaders(settings, hasBody, streaming);
    return sendRequest({
      url,
      method: request.method,
      headers: request.headers === undefined ? headers : { ...headers, ...request.headers },
      body: hasBody ? JSON.stringify(request.json) : undefined,
      signal: request.signal ?? callSignalOf(call),
      proxy: call.proxy,
      timeouts: call.timeouts,
      provider: call.provider,
      streaming,
      logger: call.logger,
      authHint: settings.authHint,
      model: call.model,
      apiVersion:
        settings.apiVersion === undefined ? undefined : { baseUrl: this.#baseUrl, version: settings.apiVersion },
      mapErrorResponse: mapError === undefined ? undefined : (response) => mapError(response, call),
    });
  }
}

/**
 * A provider's headers with each kind of request's own (JSON body or not, stream or not), built
 * the first time that kind is sent with these settings rather than for every request.
 */
const headersBySettings = new WeakMap<HttpClientSettings, Array<Readonly<Record<string, string>> | undefined>>();

function requestHeaders(settings: HttpClientSettings, hasBody: boolean, streaming: boolean) {
  let variants = headersBySettings.get(settings);
  if (variants === undefined) {
    variants = [];
    headersBySettings.set(settings, variants);
  }
  const kind = (hasBody ? 2 : 0) + (streaming ? 1 : 0);
  variants[kind] ??= {
    ...settings.headers,
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    ...(streaming ? { accept: 'text/event-stream' } : {}),
  };
  return variants[kind];
}

export function createHttpClient(call: ProviderCall<object>, settings: HttpClientSettings): HttpClient {
  return new CallHttpClient(call, settings);
}
