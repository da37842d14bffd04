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

  it("drops empty and whitespace-only messages, as Python's `if content.strip()` does", () => {
    expect(
      formatPrompt([
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '  ' },
        { role: 'user', content: '' },
        { role: 'system', content: '\t\n\r\v\f' },
        { role: 'user', content: 'x' },
      ]),
    ).toBe('User: Hi\nUser: x\nAssistant:');
  });

  it("counts as blank exactly what Python's str.isspace() does, not what trim() does", () => {
    // Python strips U+001C–U+001F, U+0085 and U+3000; it keeps U+FEFF, which trim() would strip.
    for (const blank of ['\u001c', '\u001f', '\u0085', '\u00a0', '\u2028', '\u3000']) {
      expect(
        formatPrompt([
          { role: 'user', content: blank },
          { role: 'user', content: 'Hi' },
        ]),
      ).toBe('User: Hi\nAssistant:');
    }
    expect(
      formatPrompt([
        { role: 'user', content: '\ufeff' },
        { role: 'user', content: 'Hi' },
      ]),
    ).toBe('User: \ufeff\nUser: Hi\nAssistant:');
  });

  it('keeps a whitespace-only single message as its content alone', () => {
    expect(formatPrompt([{ role: 'user', content: '  ' }])).toBe('  ');
  });
});
