import { createCallSignal, type HttpResponse, readJsonBody } from '@switchyard/core';
import type { OpenAssistantSampling } from './openassistant-sampling.js';
import { samplingParametersBody } from './openassistant-sampling.js';
import { type OpenAssistantSession, sendSessionRequest } from './openassistant-session.js';
import { chatCreatedSchema, type MessageRead, messageReadSchema } from './openassistant-wire.js';

/**
 * The requests of one Open Assistant answer, in the order gpt4free made them (protocol §8):
 * create a chat, post the prompt, ask for an assistant message, read its events, delete the chat.
 */

export async function createChat(session: OpenAssistantSession): Promise<string> {
  const response = await sendSessionRequest(session, { method: 'POST', path: '/api/chat' });
  const chat = await readJsonBody(response, chatCreatedSchema, {
    provider: session.provider,
    what: 'the new chat',
    timeouts: session.timeouts,
  });
  return chat.id;
}

export async function postPrompterMessage(session: OpenAssistantSession, chatId: string, content: string) {
  const response = await sendSessionRequest(session, {
    method: 'POST',
    path: '/api/chat/prompter_message',
    json: { chat_id: chatId, content, parent_id: null },
  });
  return readJsonBody(response, messageReadSchema, {
    provider: session.provider,
    what: 'the prompter message',
    timeouts: session.timeouts,
  });
}

export async function postAssistantMessage(
  session: OpenAssistantSession,
  request: { chatId: string; parentId: string; model: string; sampling: Required<OpenAssistantSampling> },
): Promise<MessageRead> {
  const response = await sendSessionRequest(session, {
    method: 'POST',
    path: '/api/chat/assistant_message',
    json: {
      chat_id: request.chatId,
      parent_id: request.parentId,
      model_config_name: request.model,
      sampling_parameters: samplingParametersBody(request.sampling),
      plugins: [],
    },
  });
  return readJsonBody(response, messageReadSchema, {
    provider: session.provider,
    what: 'the assistant message',
    timeouts: session.timeouts,
  });
}

/** POST, as gpt4free did; the website serves the stream whatever the method. */
export function openEvents(session: OpenAssistantSession, chatId: string, messageId: string): Promise<HttpResponse> {
  return sendSessionRequest(session, {
    method: 'POST',
    path: '/api/chat/events',
    query: { chat_id: chatId, message_id: messageId },
    streaming: true,
  });
}

export async function fetchMessage(session: OpenAssistantSession, chatId: string, messageId: string) {
  const response = await sendSessionRequest(session, {
    method: 'GET',
    path: '/api/chat/message',
    query: { chat_id: chatId, message_id: messageId },
  });
  return readJsonBody(response, messageReadSchema, {
    provider: session.provider,
    what: 'the finished message',
    timeouts: session.timeouts,
  });
}

/**
 * Deletes the chat (a hard delete on the server). Runs on every exit path, with its own short
 * deadline rather than the call's signal, which may be the very reason we are cleaning up.
 * A failure is logged and swallowed: it must never hide the error the call is ending with.
 */
export async function deleteChat(session: OpenAssistantSession, chatId: string, timeoutMs: number): Promise<void> {
  const deadline = createCallSignal({ totalMs: timeoutMs, provider: session.provider });
  try {
    const response = await sendSessionRequest(session, {
      method: 'DELETE',
      path: '/api/chat',
      query: { chat_id: chatId },
      signal: deadline.signal,
    });
    await response.body.dump();
    session.logger.debug('chat deleted', { provider: session.provider, chatId });
  } catch (error) {
    session.logger.warn('could not delete the chat; it stays on the server', {
      provider: session.provider,
      chatId,
      error,
    });
  } finally {
    deadline.dispose();
  }
}
