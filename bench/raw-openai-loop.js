import { createParser } from 'eventsource-parser';
import { Agent, request } from 'undici';

const agent = new Agent({ keepAliveTimeout: 10_000 });

/** The baseline for OpenAI-compatible streams: one undici request and eventsource-parser. */
export async function rawOpenAICall({ baseUrl, apiKey, model, messages, onText }) {
  const response = await request(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages, stream: true }),
    dispatcher: agent,
  });
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      const content = JSON.parse(event.data).choices?.[0]?.delta?.content;
      if (content) onText(content);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
}

export function closeRawOpenAIAgent() {
  return agent.close();
}
