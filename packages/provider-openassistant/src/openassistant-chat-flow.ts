import type { Logger } from '@switchyard/core';
import { createCallSignal, type HttpClient, type HttpResponse } from '@switchyard/core/provider-kit';
import { type OpenAssistantSampling, samplingParametersBody } from './openassistant-sampling.js';
import { chatCreatedSchema, type MessageRead, messageReadSchema } from './openassistant-wire.js';

/**
 * The requests of one Open Assistant answer, in the order gpt4free made them (protocol §8):
 * create a chat, post the prompt, ask for an assistant message, read its events, delete the chat.
 */

export async function createChat(http: HttpClient, signal?: AbortSignal): Promise<string> {
  const chat = await http.json({
    method: 'POST',
    path: '/api/chat',
    schema: chatCreatedSchema,
    what: 'the new chat',
    signal,
  });
  return chat.id;
}

export function postPrompterMessage(http: HttpClient, chatId: string, content: string): Promise<MessageRead> {
  return http.json({
    method: 'POST',
    path: '/api/chat/prompter_message',
    json: { chat_id: chatId, content, parent_id: null },
    schema: messageReadSchema,
    what: 'the prompter message',
  });
}

export function postAssistantMessage(
  http: HttpClient,
  request: { chatId: string; parentId: string; model: string; sampling: Required<OpenAssistantSampling> },
): Promise<MessageRead> {
  return http.json({
    method: 'POST',
    path: '/api/chat/assistant_message',
    json: {
      chat_id: request.chatId,
      parent_id: request.parentId,
      model_config_name: request.model,
      sampling_parameters: samplingParametersBody(request.sampling),
      plugins: [],
    },
    schema: messageReadSchema,
    what: 'the assistant message',
  });
}

/** POST, as gpt4free did; the website serves the stream whatever the method. */
export function openEvents(http: HttpClient, chatId: string, messageId: string): Promise<HttpResponse> {
  return http.stream({ method: 'POST', path: '/api/chat/events', query: { chat_id: chatId, message_id: messageId } });
}

export function fetchMessage(http: HttpClient, chatId: string, messageId: string): Promise<MessageRead> {
  return http.json({
    method: 'GET',
    path: '/api/chat/message',
    query: { chat_id: chatId, message_id: messageId },
    schema: messageReadSchema,
    what: 'the finished message',
  });
}

/**
 * Deletes the chat (a hard delete on the server). Runs on every exit path, with its own short
 * deadline rather than the call's signal, which may be the very reason we are cleaning up.
 * A failure is logged and swallowed: it must never hide the error the call is ending with.
 */
export async function deleteChat(
  http: HttpClient,
  chatId: string,
  context: { provider: string; logger: Logger; timeoutMs: number },
): Promise<void> {
  const { provider, logger } = context;
  const deadline = createCallSignal({ totalMs: context.timeoutMs, provider });
  try {
    const response = await http.send({
      method: 'DELETE',
      path: '/api/chat',
      query: { chat_id: chatId },
      signal: deadline.signal,
    });
    await response.body.dump();
    logger.debug('chat deleted', { provider, chatId });
  } catch (error) {
    logger.warn('could not delete the chat; it stays on the server', { provider, chatId, error });
  } finally {
    deadline.dispose();
  }
}
