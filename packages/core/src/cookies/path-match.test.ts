import { describe, expect, it } from 'vitest';
import { pathMatches } from './path-match.js';

describe('pathMatches', () => {
  it('matches the identical path and everything under /', () => {
    expect(pathMatches('/api', '/api')).toBe(true);
    expect(pathMatches('/anything/at/all', '/')).toBe(true);
  });

  it('matches below the cookie path only at a slash boundary', () => {
    expect(pathMatches('/api/chat', '/api')).toBe(true);
    expect(pathMatches('/api/chat', '/api/')).toBe(true);
    expect(pathMatches('/apiary', '/api')).toBe(false);
  });

  it('does not match a parent or sibling path', () => {
    expect(pathMatches('/', '/api')).toBe(false);
    expect(pathMatches('/other', '/api')).toBe(false);
  });

  it('treats an empty request path as /', () => {
    expect(pathMatches('', '/')).toBe(true);
    expect(pathMatches('', '/api')).toBe(false);
  });
});
