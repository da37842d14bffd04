import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError } from '../errors/configuration-error.js';
import { formatConfigPath } from './format-config-issues.js';
import { parseConfigValue } from './parse-config-value.js';

function problemsFor(schema: z.ZodType, value: unknown): string {
  try {
    parseConfigValue(schema, value, 'test');
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error.message;
    throw error;
  }
  throw new Error('expected the value to be rejected');
}

describe('formatConfigPath', () => {
  it('dots names and brackets indexes and keys that are not names', () => {
    expect(formatConfigPath([])).toBe('');
    expect(formatConfigPath(['timeouts', 'idleMs'])).toBe('timeouts.idleMs');
    expect(formatConfigPath(['cookies', 'example.com', 'sid'])).toBe('cookies["example.com"].sid');
    expect(formatConfigPath(['providers', 'x', 'models', 0])).toBe('providers.x.models[0]');
  });
});

describe('parseConfigValue', () => {
  it('returns the parsed value', () => {
    expect(parseConfigValue(z.object({ a: z.number() }), { a: 1 }, 'test')).toEqual({ a: 1 });
  });

  it('words bounds by the kind of number the schema wants', () => {
    expect(problemsFor(z.object({ n: z.number().positive() }), { n: -1 })).toContain(
      'n: expected a positive number, received -1',
    );
    expect(problemsFor(z.object({ n: z.number().int().min(3) }), { n: 2 })).toContain(
      'n: expected an integer of at least 3, received 2',
    );
    expect(problemsFor(z.object({ n: z.number().int() }), { n: 1.5 })).toContain(
      'n: expected an integer, received 1.5',
    );
  });

  it('keeps messages a schema sets itself', () => {
    expect(problemsFor(z.object({ n: z.number().max(5, 'expected at most 5 retries') }), { n: 9 })).toContain(
      'n: expected at most 5 retries, received 9',
    );
  });

  it('reports missing required keys and containers by kind', () => {
    const message = problemsFor(z.object({ model: z.string(), models: z.array(z.string()) }), { models: {} });
    expect(message).toContain('model: expected a string, received nothing');
    expect(message).toContain('models: expected an array, received an object');
  });

  it('hides values under credential-named keys', () => {
    const message = problemsFor(z.object({ apiKey: z.string().min(40) }), { apiKey: 'sk-short-secret' });
    expect(message).toContain('apiKey: expected at least 40 characters, received a string (value hidden)');
    expect(message).not.toContain('sk-short-secret');
  });

  it('shortens long values', () => {
    expect(problemsFor(z.object({ n: z.number() }), { n: 'x'.repeat(500) })).toContain(`"${'x'.repeat(80)}…"`);
  });
});
