import type { Messages } from './message.js';

const roleLabel = { system: 'System', user: 'User', assistant: 'Assistant' } as const;

/**
 * Renders a chat as one prompt, exactly as gpt4free's `format_prompt` does, so ported providers
 * send the same bytes: a single message is its content alone; otherwise `Role: content` lines
 * (empty messages dropped, as Python's truthiness drops them) and a trailing `Assistant:` cue.
 */
export function formatPrompt(messages: Messages): string {
  if (messages.length === 1) return messages[0]?.content ?? '';
  const lines = messages
    .filter((message) => message.content !== '')
    .map((message) => `${roleLabel[message.role]}: ${message.content}`);
  return `${lines.join('\n')}\nAssistant:`;
}
