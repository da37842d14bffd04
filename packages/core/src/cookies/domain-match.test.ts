import { describe, expect, it } from 'vitest';
import type { StoredCookie } from './cookie.js';
import { cookieMatchesHost, domainMatches } from './domain-match.js';

function cookie(overrides: Partial<StoredCookie>): StoredCookie {
  return {
    name: 'sid',
    value: 'v',
    domain: 'example.com',
    hostOnly: false,
    path: '/',
    secure: false,
    expiresAt: undefined,
    ...overrides,
  };
}

describe('domainMatches', () => {
  it('matches the identical host', () => {
    expect(domainMatches('example.com', 'example.com')).toBe(true);
  });

  it('matches subdomains at a dot boundary', () => {
    expect(domainMatches('chat.example.com', 'example.com')).toBe(true);
    expect(domainMatches('a.b.example.com', 'example.com')).toBe(true);
  });

  it('does not match a host that merely ends with the same letters', () => {
    expect(domainMatches('evil-example.com', 'example.com')).toBe(false);
    expect(domainMatches('notexample.com', 'example.com')).toBe(false);
  });

  it('does not match a parent of the cookie domain', () => {
    expect(domainMatches('example.com', 'chat.example.com')).toBe(false);
  });

  it('never suffix-matches IP addresses', () => {
    expect(domainMatches('1.2.3.4', '2.3.4')).toBe(false);
    expect(domainMatches('1.2.3.4', '1.2.3.4')).toBe(true);
    expect(domainMatches('::1', '1')).toBe(false);
    expect(domainMatches('[::1]:8080', '::1')).toBe(true);
  });

  it('compares case-insensitively and ignores a leading dot on the cookie domain', () => {
    expect(domainMatches('Chat.EXAMPLE.com', 'example.COM')).toBe(true);
    expect(domainMatches('chat.example.com', '.example.com')).toBe(true);
  });

  it('strips a port and a trailing dot from the host', () => {
    expect(domainMatches('example.com:8443', 'example.com')).toBe(true);
    expect(domainMatches('chat.example.com.', 'example.com')).toBe(true);
  });

  it('matches nothing against an empty host or domain', () => {
    expect(domainMatches('', 'example.com')).toBe(false);
    expect(domainMatches('example.com', '')).toBe(false);
  });
});

describe('cookieMatchesHost', () => {
  it('sends a domain cookie to the domain and its subdomains', () => {
    const domainCookie = cookie({ hostOnly: false });
    expect(cookieMatchesHost(domainCookie, 'example.com')).toBe(true);
    expect(cookieMatchesHost(domainCookie, 'www.example.com')).toBe(true);
  });

  it('sends a host-only cookie to its exact host and nowhere else', () => {
    const hostOnly = cookie({ hostOnly: true });
    expect(cookieMatchesHost(hostOnly, 'EXAMPLE.com:443')).toBe(true);
    expect(cookieMatchesHost(hostOnly, 'www.example.com')).toBe(false);
    expect(cookieMatchesHost(hostOnly, 'other.com')).toBe(false);
  });
});
