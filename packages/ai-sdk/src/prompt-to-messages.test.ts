import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { promptToMessages } from './prompt-to-messages.js';

describe('promptToMessages', () => {
  it('keeps system, user and assistant text in order, text parts joined as they are', () => {
    expect(
      promptToMessages([
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hello, ' },
            { type: 'text', text: 'world' },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'Hi.' }] },
      ]),
    ).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello, world' },
        { role: 'assistant', content: 'Hi.' },
      ],
      warnings: [],
    });
  });

  it("leaves an assistant's earlier reasoning out, and says so", () => {
    const { messages, warnings } = promptToMessages([
      { role: 'user', content: [{ type: 'text', text: 'Why?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking…' },
          { type: 'text', text: 'Because.' },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'And?' }] },
    ]);
    expect(messages[1]).toEqual({ role: 'assistant', content: 'Because.' });
    expect(warnings).toEqual([expect.objectContaining({ type: 'other' })]);
  });

  it('refuses what it cannot carry, naming it and where it is', () => {
    const refused = (prompt: Parameters<typeof promptToMessages>[0]) => {
      try {
        promptToMessages(prompt);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const file = refused([{ role: 'user', content: [{ type: 'file', data: 'aGk=', mediaType: 'text/plain' }] }]);
    expect(UnsupportedFunctionalityError.isInstance(file)).toBe(true);
    expect((file as Error).message).toContain('file parts in user messages are not supported (at prompt[0])');
    const toolCall = refused([
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: {} }] },
    ]);
    expect((toolCall as Error).message).toContain('tool-call parts in assistant messages');
    const tool = refused([
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: { type: 'text', value: 'sun' } },
        ],
      },
    ]);
    expect(UnsupportedFunctionalityError.isInstance(tool)).toBe(true);
  });
});
