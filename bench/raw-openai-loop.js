import { createParser } from 'eventsource-parser';
import { Agent, request } from 'undici';

let agent;
const pool = () => (agent ??= new Agent({ keepAliveTimeout: 10_000 }));

/** The baseline for OpenAI-compatible streams: one undici request and eventsource-parser. */
export async function rawOpenAICall({ baseUrl, apiKey, model, messages, onText }) {
  const response = await request(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages, stream: true }),
    dispatcher: pool(),
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

/** Closes the pool; the next call opens a new one, as each benchmark starts from its own. */
export async function closeRawOpenAIAgent() {
  const closing = agent;
  agent = undefined;
  await closing?.close();
}
