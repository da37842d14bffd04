import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../conformance/closed-port.js';
import { type OpenAssistantServer, startOpenAssistantServer } from './start-openassistant-server.js';

let server: OpenAssistantServer;
afterEach(async () => {
  await server.close();
});

type Json = Record<string, unknown>;

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      cookie: server.sessionCookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
}

async function startChat(): Promise<{ chatId: string; prompterId: string }> {
  const chat = (await (await call('POST', '/api/chat')).json()) as Json;
  const prompter = (await (
    await call('POST', '/api/chat/prompter_message', { chat_id: chat.id, content: 'Hi', parent_id: null })
  ).json()) as Json;
  return { chatId: String(chat.id), prompterId: String(prompter.id) };
}

async function startAssistant(model = 'OA_SFT_Llama_30B_6') {
  const { chatId, prompterId } = await startChat();
  const response = await call('POST', '/api/chat/assistant_message', {
    chat_id: chatId,
    parent_id: prompterId,
    model_config_name: model,
    sampling_parameters: { top_k: 50, temperature: 0.35, max_new_tokens: 1024 },
    plugins: [],
  });
  return { chatId, prompterId, response, body: (await response.json()) as Json };
}

describe('the Open Assistant emulator', () => {
  it('listens on the port it is given', async () => {
    const port = await closedPort();
    server = await startOpenAssistantServer({ port });
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    expect((await call('GET', '/api/chat')).status).toBe(200);
  });

  it('answers 403 with an empty body and no content type without the session cookie', async () => {
    server = await startOpenAssistantServer();
    for (const cookie of ['', 'next-auth.session-token=wrong', '__Secure-next-auth.session-token=wrong']) {
      const response = await call('POST', '/api/chat', undefined, { cookie });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBeNull();
      expect(await response.text()).toBe('');
    }
    expect(server.createdChatIds).toEqual([]);
  });

  it('accepts the secure, the plain, the chunked cookie and a Bearer token', async () => {
    server = await startOpenAssistantServer({ sessionToken: 'abcdef' });
    const ways = [
      { cookie: '__Secure-next-auth.session-token=abcdef' },
      { cookie: 'next-auth.session-token=abcdef' },
      { cookie: '__Secure-next-auth.session-token.0=abc; __Secure-next-auth.session-token.1=def' },
      { cookie: '', authorization: 'Bearer abcdef' },
    ];
    for (const headers of ways) expect((await call('POST', '/api/chat', undefined, headers)).status).toBe(200);
  });

  it('creates chats as ChatListRead with a UUIDv7 id and naive timestamps', async () => {
    server = await startOpenAssistantServer();
    const response = await call('POST', '/api/chat');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await response.text();
    const chat = JSON.parse(text) as Json;
    expect(Object.keys(chat)).toEqual([
      'id',
      'created_at',
      'modified_at',
      'title',
      'hidden',
      'allow_data_use',
      'active_thread_tail_message_id',
    ]);
    expect(chat.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(chat.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
    expect(text).not.toContain(': ');
  });

  it('enforces the prompter message rules', async () => {
    server = await startOpenAssistantServer();
    const { chatId, prompterId } = await startChat();
    const again = await call('POST', '/api/chat/prompter_message', { chat_id: chatId, content: 'x', parent_id: null });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ message: 'Trying to add first message to non-empty chat' });
    const wrongParent = await call('POST', '/api/chat/prompter_message', {
      chat_id: chatId,
      content: 'x',
      parent_id: prompterId,
    });
    expect(await wrongParent.json()).toEqual({ message: 'Parent message is not an assistant message' });
    const missing = await call('POST', '/api/chat/prompter_message', { chat_id: chatId });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      message: [{ loc: ['body', 'content'], msg: 'field required', type: 'value_error.missing' }],
    });
    expect(server.liveChats()[0]?.title).toBe('Hi');
  });

  it('rejects unknown and disallowed models with 422 {message}', async () => {
    server = await startOpenAssistantServer({ allowedModels: ['OA_SFT_Llama_30B_6'] });
    const unknown = await startAssistant('GPT-5');
    expect(unknown.response.status).toBe(422);
    expect(unknown.body).toEqual({ message: 'Model GPT-5 not found' });
    const disallowed = await startAssistant('_lorem');
    expect(disallowed.body).toEqual({ message: 'Model _lorem not in allowed models: OA_SFT_Llama_30B_6' });
  });

  it('streams pending, tokens and the final message as sse-starlette frames them', async () => {
    server = await startOpenAssistantServer({ pendingIntervalMs: 1 });
    server.enqueueReply({ tokens: ['Hé', 'llo 👋'], pendingEvents: 2 });
    const { chatId, body } = await startAssistant();
    expect(body).toMatchObject({ role: 'assistant', state: 'pending', content: null });
    const events = await call('POST', `/api/chat/events?chat_id=${chatId}&message_id=${body.id}`);
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toBeNull();
    const wire = await events.text();
    const frames = wire.split('\r\n\r\n');
    expect(frames.slice(0, 4)).toEqual([
      'data: {"event_type": "pending", "queue_position": 0, "queue_size": 1}',
      'data: {"event_type": "pending", "queue_position": 0, "queue_size": 1}',
      'data: {"event_type": "token", "text": "H\\u00e9"}',
      'data: {"event_type": "token", "text": "llo \\ud83d\\udc4b"}',
    ]);
    expect(frames[4]).toMatch(/^data: \{"event_type": "message", "message": \{"id": "/);
    const final = JSON.parse(frames[4]?.slice(6) ?? '') as { message: Json & { work_parameters: Json } };
    expect(final.message).toMatchObject({ state: 'complete', content: 'Héllo 👋' });
    expect(final.message.work_parameters.sampling_parameters).toEqual({
      top_k: 50,
      top_p: null,
      typical_p: null,
      temperature: 0.35,
      repetition_penalty: null,
      max_new_tokens: 1024,
    });
    expect(frames[4]).toContain('"temperature": 0.35, "repetition_penalty": null');
    expect(frames[5]).toBe('');
  });

  it('answers an already finished message with an empty 200 and serves it from /api/chat/message', async () => {
    server = await startOpenAssistantServer();
    server.enqueueReply({ tokens: ['Done'], alreadyFinished: true });
    const { chatId, body } = await startAssistant();
    const events = await call('GET', `/api/chat/events?chat_id=${chatId}&message_id=${body.id}`);
    expect(events.status).toBe(200);
    expect(await events.text()).toBe('');
    const message = (await (
      await call('GET', `/api/chat/message?chat_id=${chatId}&message_id=${body.id}`)
    ).json()) as Json;
    expect(message).toMatchObject({ state: 'complete', content: 'Done' });
  });

  it('ends with an error event when the script says so', async () => {
    server = await startOpenAssistantServer({ pendingIntervalMs: 1 });
    server.enqueueReply({ tokens: ['a'], end: { kind: 'error', error: 'CUDA out of memory' } });
    const { chatId, body } = await startAssistant();
    const wire = await (await call('POST', `/api/chat/events?chat_id=${chatId}&message_id=${body.id}`)).text();
    expect(wire).toContain('data: {"event_type": "error", "error": "CUDA out of memory", "message": {');
    expect(wire).toContain('"state": "aborted_by_worker"');
  });

  it('injects any status on any route, once by default', async () => {
    server = await startOpenAssistantServer();
    server.failNext('create_chat', { status: 429, headers: { 'retry-after': '3' }, body: 'slow down' });
    const limited = await call('POST', '/api/chat');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.text()).toBe('slow down');
    expect((await call('POST', '/api/chat')).status).toBe(200);
  });

  it('deletes chats for good and says 500 for an unknown one', async () => {
    server = await startOpenAssistantServer();
    const { chatId } = await startChat();
    const deleted = await call('DELETE', `/api/chat?chat_id=${chatId}`);
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toBe('');
    expect(server.liveChats()).toEqual([]);
    expect(server.deletedChatIds).toEqual([chatId]);
    const again = await call('DELETE', `/api/chat?chat_id=${chatId}`);
    expect(again.status).toBe(500);
    expect(await again.text()).toBe('Internal Server Error');
  });

  it('limits assistant messages per user and answers the crashed 429 as a 500', async () => {
    server = await startOpenAssistantServer({ rateLimit: { times: 1, windowMs: 60_000 } });
    expect((await startAssistant()).response.status).toBe(200);
    const limited = await startAssistant();
    expect(limited.response.status).toBe(500);
    expect(limited.body).toEqual({ message: 'Something went wrong' });
  });

  it('cancels a pending message when another parent is answered, and streams pending for it forever', async () => {
    server = await startOpenAssistantServer({ pendingIntervalMs: 5 });
    const first = await startAssistant();
    await startAssistant();
    const controller = new AbortController();
    const events = await fetch(`${server.url}/api/chat/events?chat_id=${first.chatId}&message_id=${first.body.id}`, {
      headers: { cookie: server.sessionCookie },
      signal: controller.signal,
    });
    const reader = events.body?.getReader();
    let text = '';
    while (text.split('pending').length < 4) text += new TextDecoder().decode((await reader?.read())?.value);
    expect(text).not.toContain('token');
    expect(server.openStreams()).toBe(1);
    controller.abort();
    while (server.openStreams() > 0) await delay(5);
  });

  it('lists the models with the eight presets', async () => {
    server = await startOpenAssistantServer({ allowedModels: ['_lorem'] });
    const models = (await (await call('GET', '/api/chat/models')).json()) as Array<{
      name: string;
      parameter_configs: Array<{ name: string; sampling_parameters: Json }>;
    }>;
    expect(models.map((model) => model.name)).toEqual(['_lorem']);
    expect(models[0]?.parameter_configs.map((preset) => preset.name)).toEqual([
      'k50',
      'k50-Creative',
      'k50-Precise',
      'k50-Original',
      'k50-Plugins',
      'nucleus9',
      'typical2',
      'typical3',
    ]);
    expect(models[0]?.parameter_configs[4]?.sampling_parameters).toEqual({
      top_k: 50,
      top_p: null,
      typical_p: null,
      temperature: 0.35,
      repetition_penalty: 1.1111111111111112,
      max_new_tokens: 1024,
    });
  });
});
