import { z } from 'zod';
import {
  AsyncGeneratorProvider,
  type ProviderCall,
  type ProviderSettings,
} from '../contract/async-generator-provider.js';
import { sendRequest } from '../transport/send-request.js';
import { readSseBatches } from '../transport/sse-reader.js';

const parametersSchema = z
  .object({
    temperature: z.number().min(0).max(2),
    maxTokens: z.number().int().positive(),
  })
  .partial()
  .strict();

type SseTestParameters = z.infer<typeof parametersSchema>;

/** A minimal real provider: POSTs the chat to `<baseUrl>/stream` and yields each SSE event's data. */
export class SseTestProvider extends AsyncGeneratorProvider<SseTestParameters> {
  readonly name: string = 'SseTest';
  readonly label: string = 'SSE test provider';
  readonly url: string;
  readonly defaultModel: string = 'small';
  readonly models: readonly string[] = ['small', 'large'];
  override readonly modelAliases: Readonly<Record<string, string>> = { tiny: 'small' };
  protected override readonly parametersSchema = parametersSchema;

  constructor(
    readonly baseUrl: string,
    settings: ProviderSettings = {},
  ) {
    super(settings);
    this.url = baseUrl;
  }

  protected async *streamText(call: ProviderCall<SseTestParameters>): AsyncGenerator<string, void, undefined> {
    const response = await sendRequest({
      url: new URL('/stream', this.baseUrl),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: call.model, messages: call.messages, parameters: call.parameters }),
      signal: call.signal,
      proxy: call.proxy,
      timeouts: call.timeouts,
      provider: this.name,
      streaming: true,
    });
    for await (const batch of readSseBatches(response.body, { ...call.timeouts, provider: this.name })) {
      yield batch.map((event) => event.data).join('');
    }
  }
}
