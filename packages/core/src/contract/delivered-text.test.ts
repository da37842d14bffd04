import { describe, expect, it } from 'vitest';
import { DeliveredText } from './delivered-text.js';

describe('DeliveredText', () => {
  it('keeps everything below the limit', () => {
    const delivered = new DeliveredText(10);
    delivered.append('abc');
    delivered.append('def');
    expect(delivered).toMatchObject({ text: 'abcdef', length: 6, truncated: false });
  });

  it('keeps the first characters up to the limit and counts the rest', () => {
    const delivered = new DeliveredText(5);
    delivered.append('abc');
    delivered.append('defg');
    delivered.append('hij');
    expect(delivered).toMatchObject({ text: 'abcde', length: 10, truncated: true });
  });
});
