import { createParser } from 'eventsource-parser';
import { Agent, request } from 'undici';

let agent;
const pool = () => (agent ??= new Agent({ keepAliveTimeout: 10_000 }));

/**
 * The baseline: the same requests the provider makes, written as directly as undici and
 * eventsource-parser allow, with a callback per token instead of an async generator.
 */
export async function rawOpenAssistantCall({ baseUrl, cookie, model, content, onText }) {
  const headers = { cookie, 'content-type': 'application/json' };
  const json = async (path, body) => {
    const response = await request(new URL(path, baseUrl), {
      method: 'POST',
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      dispatcher: pool(),
    });
    return response.body.json();
  };
  const chat = await json('/api/chat');
  const prompter = await json('/api/chat/prompter_message', { chat_id: chat.id, content, parent_id: null });
  const assistant = await json('/api/chat/assistant_message', {
    chat_id: chat.id,
    parent_id: prompter.id,
    model_config_name: model,
    sampling_parameters: {
      top_k: 50,
      top_p: null,
      typical_p: null,
      temperature: 0.35,
      repetition_penalty: 1 / 0.9,
      max_new_tokens: 1024,
    },
    plugins: [],
  });
  const events = await request(new URL(`/api/chat/events?chat_id=${chat.id}&message_id=${assistant.id}`, baseUrl), {
    method: 'POST',
    headers: { cookie },
    dispatcher: pool(),
  });
  const parser = createParser({
    onEvent(event) {
      const parsed = JSON.parse(event.data);
      if (parsed.event_type === 'token') onText(parsed.text);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of events.body) parser.feed(decoder.decode(chunk, { stream: true }));
  const deleted = await request(new URL(`/api/chat?chat_id=${chat.id}`, baseUrl), {
    method: 'DELETE',
    headers: { cookie },
    dispatcher: pool(),
  });
  await deleted.body.dump();
}

export function closeRawAgent() {
  const closing = agent;
  agent = undefined;
  return closing?.close();
}
