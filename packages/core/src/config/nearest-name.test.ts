import { describe, expect, it } from 'vitest';
import { nearestName, typoDistance } from './nearest-name.js';

describe('nearestName', () => {
  const keys = ['baseUrl', 'models', 'modelAliases', 'defaultModel', 'timeouts'];

  it('finds the key meant by a slip: a swap, a missing or extra letter, another case', () => {
    expect(nearestName('modles', keys, 2)).toBe('models');
    expect(nearestName('model', keys, 2)).toBe('models');
    expect(nearestName('timeout', keys, 2)).toBe('timeouts');
    expect(nearestName('baseURL', keys, 2)).toBe('baseUrl');
    expect(nearestName('OpenAssistent', ['OpenAssistant', 'OpenAICompatible'], 2)).toBe('OpenAssistant');
  });

  it('suggests nothing for a name far from every candidate, or for a candidate itself', () => {
    expect(nearestName('colour', keys, 2)).toBeUndefined();
    expect(nearestName('OpenAI', ['OpenAssistant', 'OpenAICompatible'], 2)).toBeUndefined();
    expect(nearestName('models', keys, 2)).toBeUndefined();
  });

  it('prefers the closest of several candidates', () => {
    expect(nearestName('modeles', ['models', 'modelAliases'], 5)).toBe('models');
  });

  it('allows more slips in longer names', () => {
    expect(typoDistance('ttl')).toBe(2);
    expect(typoDistance('deleteTimeoutMs')).toBe(5);
  });
});
