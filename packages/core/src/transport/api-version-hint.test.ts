import { describe, expect, it } from 'vitest';
import { missingApiVersionHint } from './api-version-hint.js';

describe('missingApiVersionHint', () => {
  it('suggests /v1 for a base URL without a version segment', () => {
    expect(missingApiVersionHint('http://127.0.0.1:11434')).toBe(
      'The base URL ends without an API version: did you mean http://127.0.0.1:11434/v1?',
    );
    expect(missingApiVersionHint('https://openrouter.ai/api/')).toContain('did you mean https://openrouter.ai/api/v1?');
  });

  it('says nothing when the base URL already ends in a version', () => {
    expect(missingApiVersionHint('http://127.0.0.1:11434/v1')).toBeUndefined();
    expect(missingApiVersionHint('https://generativelanguage.googleapis.com/v1beta/')).toBeUndefined();
    expect(missingApiVersionHint('not a url')).toBeUndefined();
  });
});
