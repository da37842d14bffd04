import { describe, expect, it } from 'vitest';
import { isSensitiveKey, redactFields, redactSecretsInText, redactUrl } from './redact.js';

describe('redactUrl', () => {
  it('hides the password and keeps the username', () => {
    expect(redactUrl('http://alice:hunter2@proxy.example:8080')).toBe('http://alice:***@proxy.example:8080/');
    expect(redactUrl('socks5://alice:hunter2@proxy.example:1080')).toBe('socks5://alice:***@proxy.example:1080');
  });

  it('hides a password containing a raw @ entirely', () => {
    expect(redactUrl('http://alice:p@ss@proxy.example')).not.toContain('ss@proxy');
  });

  it('leaves URLs without a password and non-URLs unchanged', () => {
    expect(redactUrl('http://proxy.example:8080')).toBe('http://proxy.example:8080');
    expect(redactUrl('http://alice@proxy.example')).toBe('http://alice@proxy.example');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('catches credentials written without a scheme', () => {
    expect(redactUrl('alice:hunter2@proxy.example:8080')).toBe('alice:***@proxy.example:8080');
  });
});

describe('redactSecretsInText', () => {
  it('hides passwords of URLs inside free text', () => {
    expect(redactSecretsInText('connect to http://user:secret@host:1 failed')).toBe(
      'connect to http://user:***@host:1 failed',
    );
    expect(redactSecretsInText('a socks5://u:pw1@h:1 and "https://v:pw2@k/x?y=1"')).toBe(
      'a socks5://u:***@h:1 and "https://v:***@k/x?y=1"',
    );
  });

  it('hides credentials passed as query parameters', () => {
    expect(redactSecretsInText('GET https://api.example/v1/models?key=AIzaSECRET&alt=sse')).toBe(
      'GET https://api.example/v1/models?key=***&alt=sse',
    );
  });

  it('stays fast on long lines that almost look like credentials', () => {
    const lines = ['a.'.repeat(100_000), ',b:c'.repeat(50_000), 'http://u:'.repeat(20_000), `${'x'.repeat(200_000)}@`];
    const started = performance.now();
    for (const line of lines) redactSecretsInText(line);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('leaves ordinary text, times and e-mail addresses alone', () => {
    const text = 'Error: at 12:30 mail ops@example.com about http://host:8080/path?model=x';
    expect(redactSecretsInText(text)).toBe(text);
  });
});

describe('isSensitiveKey', () => {
  it('matches credential names in any case and *Token names, not token counts', () => {
    for (const key of [
      'Cookie',
      'set-cookie',
      'AUTHORIZATION',
      'Proxy-Authorization',
      'x-api-key',
      'apiKey',
      'api_key',
    ]) {
      expect(isSensitiveKey(key)).toBe(true);
    }
    for (const key of ['password', 'token', 'session-token', 'refresh_token', 'X-CSRF-TOKEN', 'accessToken']) {
      expect(isSensitiveKey(key)).toBe(true);
    }
    for (const key of ['maxTokens', 'inputTokens', 'tokens', 'model', 'url', 'cookiesDir']) {
      expect(isSensitiveKey(key)).toBe(false);
    }
  });
});

describe('redactFields', () => {
  it('masks a cookie header string and keeps the names of a cookie record', () => {
    expect(redactFields({ cookie: 'sid=abc; csrftoken=def' })).toEqual({ cookie: '[redacted]' });
    expect(redactFields({ cookies: { sid: 'abc', __Secure_token: 'def' } })).toEqual({
      cookies: { sid: '[redacted]', __Secure_token: '[redacted]' },
    });
  });

  it('masks Authorization headers in any case, nested anywhere', () => {
    const fields = {
      request: { headers: { Authorization: 'Bearer sk-1', 'content-type': 'application/json' } },
      retries: [{ headers: { AUTHORIZATION: 'Basic xyz', 'proxy-authorization': 'Basic abc' } }],
    };
    expect(redactFields(fields)).toEqual({
      request: { headers: { Authorization: '[redacted]', 'content-type': 'application/json' } },
      retries: [{ headers: { AUTHORIZATION: '[redacted]', 'proxy-authorization': '[redacted]' } }],
    });
  });

  it('masks every set-cookie entry of an array and each value of a Headers object', () => {
    const headers = new Headers({ authorization: 'Bearer sk-2', accept: 'text/event-stream' });
    expect(redactFields({ 'set-cookie': ['a=1', 'b=2'], headers })).toEqual({
      'set-cookie': ['[redacted]', '[redacted]'],
      headers: { accept: 'text/event-stream', authorization: '[redacted]' },
    });
  });

  it('keeps absent credentials visible as absent', () => {
    expect(redactFields({ authorization: undefined, apiKey: null })).toEqual({
      authorization: undefined,
      apiKey: null,
    });
  });

  it('hides proxy passwords in URL fields, free text and errors', () => {
    const redacted = redactFields({
      proxy: 'http://alice:hunter2@proxy.example:8080',
      proxyUrl: new URL('socks5://alice:hunter2@proxy.example:1080'),
      note: 'tunnel via http://alice:hunter2@proxy.example:8080 refused',
      error: new TypeError('connect to http://alice:hunter2@proxy.example:8080 failed'),
    });
    expect(JSON.stringify(redacted)).not.toContain('hunter2');
    expect(redacted).toEqual({
      proxy: 'http://alice:***@proxy.example:8080',
      proxyUrl: 'socks5://alice:***@proxy.example:1080',
      note: 'tunnel via http://alice:***@proxy.example:8080 refused',
      error: { name: 'TypeError', message: 'connect to http://alice:***@proxy.example:8080 failed' },
    });
  });

  it('copies instead of changing the input', () => {
    const fields = { nested: { token: 'secret', list: [1, 'two'] } };
    const redacted = redactFields(fields);
    expect(fields.nested.token).toBe('secret');
    expect(redacted.nested).not.toBe(fields.nested);
    expect(redacted).toEqual({ nested: { token: '[redacted]', list: [1, 'two'] } });
  });

  it('replaces cycles without hanging and keeps repeated references', () => {
    const shared = { model: 'm' };
    const node: Record<string, unknown> = { name: 'root', shared, again: shared };
    node.self = node;
    node.list = [node, { parent: node }];
    expect(redactFields(node)).toEqual({
      name: 'root',
      shared: { model: 'm' },
      again: { model: 'm' },
      self: '[circular]',
      list: ['[circular]', { parent: '[circular]' }],
    });
  });

  it('keeps a __proto__ key as data', () => {
    const fields = JSON.parse('{"__proto__": {"token": "secret"}}') as Record<string, unknown>;
    const redacted = redactFields(fields);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(JSON.stringify(redacted)).toBe('{"__proto__":{"token":"[redacted]"}}');
  });

  it('summarises binary data', () => {
    expect(redactFields({ body: new Uint8Array(12) })).toEqual({ body: '[12 bytes]' });
  });
});

describe('isSensitiveKey spellings', () => {
  it('covers the usual names of secrets and keeps counts visible', () => {
    for (const key of ['proxyPassword', 'clientSecret', 'secret', 'x-goog-api-key', 'openaiApiKey', 'apiKey']) {
      expect(isSensitiveKey(key), key).toBe(true);
    }
    for (const key of ['maxTokens', 'model', 'secretaryName']) expect(isSensitiveKey(key), key).toBe(false);
  });
});
