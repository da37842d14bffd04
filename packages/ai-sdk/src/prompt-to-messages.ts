import type { LanguageModelV3Prompt, SharedV3Warning } from '@ai-sdk/provider';
import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import type { Message } from '@switchyard/core';

export interface ConvertedPrompt {
  readonly messages: Message[];
  readonly warnings: SharedV3Warning[];
}

/**
 * The AI SDK's prompt as Switchyard messages: system, user and assistant text. Anything a
 * Switchyard provider cannot carry (files, tool calls and results) is an
 * `UnsupportedFunctionalityError`, never dropped. The one exception is an assistant's earlier
 * reasoning: no Switchyard wire sends it back, so it is left out with a warning, as the AI SDK's
 * own providers leave it out for most APIs.
 */
export function promptToMessages(prompt: LanguageModelV3Prompt): ConvertedPrompt {
  const messages: Message[] = [];
  let droppedReasoning = false;
  prompt.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: message.content });
        return;
      case 'user':
      case 'assistant': {
        let content = '';
        for (const part of message.content) {
          if (part.type === 'text') content += part.text;
          else if (part.type === 'reasoning') droppedReasoning = true;
          else throw unsupported(`${part.type} parts in ${message.role} messages`, `prompt[${index}]`);
        }
        messages.push({ role: message.role, content });
        return;
      }
      case 'tool':
        throw unsupported('tool messages', `prompt[${index}]`);
    }
  });
  const warnings: SharedV3Warning[] = droppedReasoning
    ? [
        {
          type: 'other',
          message: "the assistant messages' reasoning was left out of the prompt: Switchyard sends text only",
        },
      ]
    : [];
  return { messages, warnings };
}

function unsupported(what: string, where: string): UnsupportedFunctionalityError {
  return new UnsupportedFunctionalityError({
    functionality: what,
    message: `Switchyard models take system, user and assistant text only; ${what} are not supported (at ${where}).`,
  });
}
