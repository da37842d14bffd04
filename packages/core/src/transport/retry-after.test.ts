import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryAfterFromHeaders } from './retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');

  it('reads delay-seconds, fractions included', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1_500);
  });

  it('reads an HTTP date, never below zero', () => {
    expect(parseRetryAfter('Sat, 21 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('says nothing for what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(['7', '9'], now)).toBe(7_000);
  });
});

describe('retryAfterFromHeaders', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');

  it('prefers retry-after-ms, in milliseconds, over Retry-After', () => {
    expect(retryAfterFromHeaders({ 'retry-after-ms': '1500', 'retry-after': '2' }, now)).toBe(1_500);
    expect(retryAfterFromHeaders({ 'retry-after-ms': ' 20.6 ' }, now)).toBe(21);
    expect(retryAfterFromHeaders({ 'retry-after-ms': '0', 'retry-after': '5' }, now)).toBe(0);
  });

  it('falls back to Retry-After when retry-after-ms is absent or unreadable', () => {
    expect(retryAfterFromHeaders({ 'retry-after': '2' }, now)).toBe(2_000);
    expect(retryAfterFromHeaders({ 'retry-after-ms': '-5', 'retry-after': '2' }, now)).toBe(2_000);
    expect(
      retryAfterFromHeaders({ 'retry-after-ms': 'later', 'retry-after': 'Sat, 21 Nov 2026 12:00:30 GMT' }, now),
    ).toBe(30_000);
    expect(retryAfterFromHeaders({}, now)).toBeUndefined();
  });
});
