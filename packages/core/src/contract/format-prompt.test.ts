import { describe, expect, it } from 'vitest';
import { formatPrompt } from './format-prompt.js';

describe('formatPrompt', () => {
  it('returns a single message as its content alone', () => {
    expect(formatPrompt([{ role: 'user', content: 'Hello there' }])).toBe('Hello there');
  });

  it('renders a conversation as capitalised role lines with a trailing Assistant cue', () => {
    expect(
      formatPrompt([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Tell me\na joke' },
      ]),
    ).toBe('System: Be brief.\nUser: Hi\nAssistant: Hello!\nUser: Tell me\na joke\nAssistant:');
  });

  it('drops empty messages but keeps whitespace ones, as Python truthiness does', () => {
    expect(
      formatPrompt([
        { role: 'user', content: '' },
        { role: 'user', content: ' ' },
        { role: 'user', content: 'Hi' },
      ]),
    ).toBe('User:  \nUser: Hi\nAssistant:');
  });
});
