import { AsyncGeneratorProvider } from '../contract/async-generator-provider.js';
import type { ProviderCall } from '../contract/provider-call.js';
import type { ProviderPart } from '../contract/stream-part.js';
import type { ProviderContext } from '../registry/provider-context.js';
import type { HttpResponse } from '../transport/send-request.js';
import type { TimeoutOverrides } from '../transport/timeouts.js';
import { createHttpClient, type HttpClient, type HttpClientSettings } from './http-client.js';
import type { StreamDecoder } from './part-sink.js';
import { readSseParts } from './read-stream-parts.js';
import type { SseEvent } from './sse-framing.js';

/** One HTTP endpoint, its settings resolved: what an `HttpProvider` is built from. */
export interface HttpEndpoint {
  readonly name: string;
  /** The name by default. */
  readonly label?: string | undefined;
  /** Paths are appended to it; trailing slashes are dropped. */
  readonly baseUrl: string;
  /** Empty or absent: any model name is accepted. */
  readonly models?: readonly string[] | undefined;
  readonly defaultModel: string;
  readonly modelAliases?: Readonly<Record<string, string>> | undefined;
  /** Whether calls need `apiKey`; a fallback chain skips a provider that needs one and has none. */
  readonly needsAuth: boolean;
  readonly apiKey?: string | undefined;
  /** The headers that carry the key, sent when there is one. */
  readonly authHeaders: (apiKey: string) => Readonly<Record<string, string>>;
  /** What to tell the user on 401/403. */
  readonly authHint: string;
  /** Sent with every request, under the auth headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** The API version the base URL should end in (`v1`): a 404 from one that does not says so. */
  readonly apiVersion?: string | undefined;
  readonly proxy?: string | undefined;
  readonly timeouts?: TimeoutOverrides | undefined;
  /** Characters one SSE line may hold before it is a protocol error. */
  readonly maxSseBufferSize?: number | undefined;
}

/**
 * A provider that is one HTTP endpoint. Its capability flags, its credentials check and its
 * requests come from the resolved settings, so a subclass states only what is its own: its
 * defaults, its auth header, and its wire in `doStream`.
 */
export abstract class HttpProvider<
  TOptions extends object = Record<never, never>,
> extends AsyncGeneratorProvider<TOptions> {
  readonly name: string;
  readonly label: string;
  readonly url: string;
  readonly baseUrl: string;
  override readonly needsAuth: boolean;
  readonly defaultModel: string;
  readonly models: readonly string[];
  override readonly modelAliases: Readonly<Record<string, string>>;
  readonly #http: HttpClientSettings;
  readonly #hasKey: boolean;
  readonly #maxSseBufferSize: number | undefined;

  constructor(endpoint: HttpEndpoint, context: ProviderContext = {}) {
    super({ timeouts: endpoint.timeouts, logger: context.logger, proxy: endpoint.proxy });
    this.name = endpoint.name;
    this.label = endpoint.label ?? endpoint.name;
    this.baseUrl = endpoint.baseUrl.replace(/\/+$/, '');
    this.url = this.baseUrl;
    this.needsAuth = endpoint.needsAuth;
    this.defaultModel = endpoint.defaultModel;
    this.models = endpoint.models ?? [];
    this.modelAliases = endpoint.modelAliases ?? {};
    const { apiKey } = endpoint;
    this.#hasKey = apiKey !== undefined;
    this.#http = {
      baseUrl: this.baseUrl,
      headers: { ...endpoint.headers, ...(apiKey === undefined ? {} : endpoint.authHeaders(apiKey)) },
      authHint: endpoint.authHint,
      apiVersion: endpoint.apiVersion,
    };
    this.#maxSseBufferSize = endpoint.maxSseBufferSize;
  }

  override hasCredentials(): boolean {
    return !this.needsAuth || this.#hasKey;
  }

  /** Requests to this endpoint, bound to `call`, with its headers and key. */
  protected httpClient(call: ProviderCall<TOptions>): HttpClient {
    return createHttpClient(call, this.#http);
  }

  /** The parts of an SSE answer from `path`, under the endpoint's bound on a line. */
  protected readSse(
    response: HttpResponse,
    call: ProviderCall<TOptions>,
    decoder: StreamDecoder<SseEvent>,
    path: string,
  ): AsyncGenerator<ProviderPart, void, undefined> {
    return readSseParts(response.body, call, decoder, {
      target: `${this.baseUrl}${path}`,
      maxBufferSize: this.#maxSseBufferSize,
    });
  }
}
