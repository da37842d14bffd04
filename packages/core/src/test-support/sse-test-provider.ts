import { z } from 'zod';
import { AsyncGeneratorProvider, type ProviderSettings } from '../contract/async-generator-provider.js';
import type { ProviderCall } from '../contract/provider-call.js';
import type { ProviderPart } from '../contract/stream-part.js';
import { createHttpClient } from '../provider-kit/http-client.js';
import { readSseParts } from '../provider-kit/read-stream-parts.js';

const optionsSchema = z.strictObject({ style: z.enum(['plain', 'fancy']).optional() });

/**
 * A minimal real provider on the kit: POSTs the chat to `<baseUrl>/stream`; each SSE event's
 * data is text, `[DONE]` ends the answer.
 */
export class SseTestProvider extends AsyncGeneratorProvider<z.infer<typeof optionsSchema>> {
  readonly name: string = 'SseTest';
  readonly label: string = 'SSE test provider';
  readonly url: string;
  readonly defaultModel: string = 'small';
  readonly models: readonly string[] = ['small', 'large'];
  override readonly modelAliases: Readonly<Record<string, string>> = { tiny: 'small' };
  protected override readonly providerOptionsSchema = optionsSchema;
  protected override readonly supportedSettings = ['temperature', 'maxOutputTokens'] as const;

  constructor(
    readonly baseUrl: string,
    settings: ProviderSettings = {},
  ) {
    super(settings);
    this.url = baseUrl;
  }

  protected async *doStream(call: ProviderCall<z.infer<typeof optionsSchema>>): AsyncGenerator<ProviderPart> {
    const http = createHttpClient(call, { baseUrl: this.baseUrl });
    const response = await http.stream({
      method: 'POST',
      path: '/stream',
      json: { model: call.model, messages: call.messages, settings: call.settings, options: call.options },
    });
    yield* readSseParts(
      response.body,
      call,
      {
        finalEvent: '[DONE]',
        onEvent: (event, out) => {
          if (event.data !== '[DONE]') return out.text(event.data);
          out.finish('stop');
          out.end();
        },
      },
      { target: http.url('/stream') },
    );
  }
}
