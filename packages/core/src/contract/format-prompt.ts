import type { Messages } from './message.js';

const roleLabel = { system: 'System', user: 'User', assistant: 'Assistant' } as const;

/**
 * Exactly the characters Python's `str.isspace()` accepts. JavaScript's `trim()` differs on four
 * of them (it keeps U+001C–U+001F and U+0085, and strips U+FEFF), and the prompt must match
 * gpt4free's byte for byte.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python counts the separators U+001C–U+001F as space.
const pythonBlank = /^[\t\n\v\f\r\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/**
 * Renders a chat as one prompt, exactly as gpt4free's `format_prompt` does, so ported providers
 * send the same bytes: a single message is its content alone; otherwise `Role: content` lines
 * (blank messages dropped, as Python's `if content.strip()` drops them) and a trailing
 * `Assistant:` cue.
 */
export function formatPrompt(messages: Messages): string {
  if (messages.length === 1) return messages[0]?.content ?? '';
  const lines = messages
    .filter((message) => !pythonBlank.test(message.content))
    .map((message) => `${roleLabel[message.role]}: ${message.content}`);
  return `${lines.join('\n')}\nAssistant:`;
}
