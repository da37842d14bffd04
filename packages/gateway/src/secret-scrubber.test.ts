import { describe, expect, it } from 'vitest';
import { SecretScrubber } from './secret-scrubber.js';

describe('SecretScrubber', () => {
  const scrubber = new SecretScrubber(['gateway-key-one', 'gateway-key-one-longer']);

  it('removes the gateway’s own keys by value, the longest first', () => {
    expect(scrubber.scrub('got gateway-key-one-longer and gateway-key-one')).toBe('got [redacted] and [redacted]');
  });

  it('removes what is shaped like a credential', () => {
    const text = [
      'Incorrect API key provided: sk-proj-abcdef123456.',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature',
      'proxy http://alice:hunter2@proxy.example:8080',
      'url https://example.com/v1?key=AIzaSyD-secret&x=1',
      'session 3f9a8c7b6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a',
    ].join('\n');
    const clean = scrubber.scrub(text);
    for (const secret of [
      'sk-proj-abcdef123456',
      'eyJhbGciOiJIUzI1NiJ9',
      'hunter2',
      'AIzaSyD-secret',
      '3f9a8c7b6d5e4f3a',
    ]) {
      expect(clean).not.toContain(secret);
    }
    expect(clean).toContain('alice:***@proxy.example');
    expect(clean).toContain('Bearer [redacted]');
  });

  it('leaves ordinary error text alone', () => {
    const text = 'LocalOpenAI: rate limited (HTTP 429). Retry after 7 s.';
    expect(scrubber.scrub(text)).toBe(text);
  });
});
