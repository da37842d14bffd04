import { request } from 'undici';

export interface GatewayAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body. */
  readonly body: string;
  /** Each SSE `data:` payload but `[DONE]`, parsed. */
  readonly events: readonly Record<string, unknown>[];
  /** Whether the stream ended with `data: [DONE]`. */
  readonly done: boolean;
  /** The text of every content delta, joined. */
  readonly text: string;
}

interface ChunkLike {
  readonly choices?: ReadonlyArray<{ readonly delta?: { readonly content?: string } }>;
}

/** Parses a whole body as the gateway sends it: SSE events for a stream, JSON otherwise. */
export function readAnswer(status: number, headers: GatewayAnswer['headers'], body: string): GatewayAnswer {
  const isStream = String(headers['content-type'] ?? '').startsWith('text/event-stream');
  const payloads = isStream
    ? body
        .split('\n\n')
        .filter((event) => event.startsWith('data: '))
        .map((event) => event.slice('data: '.length))
    : [];
  const events = payloads.filter((payload) => payload !== '[DONE]').map((payload) => JSON.parse(payload));
  const text = events.map((event: ChunkLike) => event.choices?.[0]?.delta?.content ?? '').join('');
  return { status, headers, body, events, done: payloads.at(-1) === '[DONE]', text };
}

/** POSTs a chat completion to the gateway with undici and reads the whole answer. */
export async function postChatCompletion(
  baseURL: string,
  body: unknown,
  options: { key?: string | undefined; signal?: AbortSignal | undefined } = {},
): Promise<GatewayAnswer> {
  const response = await request(`${baseURL}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: options.signal,
  });
  return readAnswer(response.statusCode, response.headers, await response.body.text());
}
