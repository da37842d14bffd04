import { describe, expect, it } from 'vitest';
import { EventTemplate } from './event-template.js';

const chunk = (content: string, finish: string | null = null) =>
  JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  });

describe('EventTemplate', () => {
  it('reads nothing before it has learned', () => {
    expect(new EventTemplate().read(chunk('hi'))).toBeUndefined();
  });

  it('reads the text of an event that differs from the learned one only there, escapes and all', () => {
    const template = new EventTemplate();
    template.learn(chunk('Hel'), 'Hel');
    for (const text of ['lo', '', ' "quoted" \\ and\nnewline', '東京 👋', '"}]']) {
      expect(template.read(chunk(text))).toBe(text);
    }
  });

  it('leaves any other event to the full parse', () => {
    const template = new EventTemplate();
    template.learn(chunk('Hel'), 'Hel');
    expect(template.read(chunk('lo', 'stop'))).toBeUndefined();
    expect(template.read(chunk('lo').replace('chatcmpl-1', 'chatcmpl-2'))).toBeUndefined();
    // Two literals with a key between them sit between the same prefix and suffix: not one text.
    const smuggled = chunk('x').replace('"x"', '"a","role":"b"');
    expect(template.read(smuggled)).toBeUndefined();
  });

  it('does not learn from an event whose text could sit in more than one place, or is empty', () => {
    const template = new EventTemplate();
    template.learn(chunk('index'), 'index');
    template.learn(chunk('chatcmpl-1'), 'chatcmpl-1');
    template.learn(chunk(''), '');
    expect(template.read(chunk('lo'))).toBeUndefined();
    template.learn(chunk('ok'), 'ok');
    expect(template.read(chunk('lo'))).toBe('lo');
  });

  it('learns the shape again when the stream changes it', () => {
    const template = new EventTemplate();
    template.learn(chunk('Hel'), 'Hel');
    const later = (text: string) => chunk(text).replace('chatcmpl-1', 'chatcmpl-2');
    expect(template.read(later('lo'))).toBeUndefined();
    template.learn(later('lo'), 'lo');
    expect(template.read(later('!'))).toBe('!');
  });

  it('stops learning from a stream whose events differ in more than their text', () => {
    const template = new EventTemplate();
    // An id per chunk, as a server that pads or numbers its chunks sends: nothing ever matches.
    const numbered = (text: string, n: number) => chunk(text).replace('chatcmpl-1', `chatcmpl-${n}`);
    for (let n = 1; n <= 3; n++) {
      expect(template.read(numbered('a', n))).toBeUndefined();
      template.learn(numbered('a', n), 'a');
    }
    template.learn(numbered('b', 4), 'b');
    expect(template.read(numbered('c', 4))).toBeUndefined();
  });

  it('keeps learning while what it learns is read', () => {
    const template = new EventTemplate();
    for (let n = 1; n <= 5; n++) {
      const later = (text: string) => chunk(text).replace('chatcmpl-1', `chatcmpl-${n}`);
      template.learn(later('a'), 'a');
      expect(template.read(later('b'))).toBe('b');
    }
  });
});
