import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError } from '../errors/configuration-error.js';
import { loadConfig } from './load-config.js';
import type { ProviderConfigSections } from './provider-config-sections.js';
import { validateProviderSections } from './validate-provider-sections.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http or https URL' });

/** Shaped as the real provider packages describe their sections; core depends on none of them. */
const chatSiteSchema = z
  .object({
    baseUrl: httpUrl,
    cookies: z.record(z.string(), z.string()),
    userAgent: z.string().min(1),
    deleteTimeoutMs: z.number().int().positive(),
    sampling: z.object({ topK: z.number().int().positive(), temperature: z.number() }).partial().strict(),
  })
  .partial()
  .strict();
const endpointSchema = z
  .object({
    baseUrl: httpUrl,
    apiKey: z.string().min(1),
    models: z.array(z.string().min(1)),
    defaultModel: z.string().min(1),
  })
  .partial()
  .strict();

const sections: ProviderConfigSections = {
  known: [
    { name: 'OpenAssistant', schema: chatSiteSchema },
    { name: 'OpenAICompatible', schema: endpointSchema },
  ],
  other: { schema: endpointSchema.extend({ baseUrl: httpUrl }), description: 'an OpenAI-compatible endpoint' },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-sections-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeConfig(content: unknown): Promise<string> {
  const path = join(dir, 'switchyard.config.json');
  await writeFile(path, JSON.stringify(content, null, 2));
  return path;
}

/** Loads a config file holding `providers` and returns the ConfigurationError it must raise. */
async function sectionsError(providers: unknown): Promise<{ error: ConfigurationError; path: string }> {
  const path = await writeConfig({ providers });
  const error: unknown = await loadConfig({ cwd: dir, env: {}, providerSections: sections }).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(ConfigurationError.isInstance(error)).toBe(true);
  const typed = error as ConfigurationError;
  expect(typed.source).toBe(path);
  expect(typed.message).toContain(`invalid configuration in ${path}: `);
  return { error: typed, path };
}

describe('loadConfig with provider sections', () => {
  it('accepts valid sections, known names in any case and named endpoints with a base URL', async () => {
    const providers = {
      openassistant: { baseUrl: 'http://127.0.0.1:3000', sampling: { topK: 40 } },
      OpenAICompatible: { apiKey: 'sk-test' },
      Ollama: { baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3'] },
    };
    await writeConfig({ providers });
    await expect(loadConfig({ cwd: dir, env: {}, providerSections: sections })).resolves.toEqual({ providers });
  });

  it('names the key path of an unknown key and the known key it was probably meant to be', async () => {
    const { error } = await sectionsError({ OpenAssistant: { cookie: { sid: 'x' }, sampling: { topk: 40 } } });
    expect(error.message).toContain('providers.OpenAssistant: unknown key "cookie" (did you mean "cookies"?)');
    expect(error.message).toContain('providers.OpenAssistant.sampling: unknown key "topk" (did you mean "topK"?)');
  });

  it('lists the known keys when no known key is close to an unknown one', async () => {
    const { error } = await sectionsError({ OpenAssistant: { colour: 'blue' } });
    expect(error.message).toContain(
      'providers.OpenAssistant: unknown key "colour" (expected one of "baseUrl", "cookies", "userAgent", "deleteTimeoutMs", "sampling")',
    );
  });

  it('reports a bad type with the key path, what was expected and what was found', async () => {
    const { error } = await sectionsError({ OpenAssistant: { deleteTimeoutMs: '5s' } });
    expect(error.message).toContain('providers.OpenAssistant.deleteTimeoutMs: expected a number, received "5s"');
  });

  it('reports a base URL without a scheme', async () => {
    const { error } = await sectionsError({ OpenAssistant: { baseUrl: '127.0.0.1:8080' } });
    expect(error.message).toContain(
      'providers.OpenAssistant.baseUrl: expected an http or https URL, received "127.0.0.1:8080"',
    );
  });

  it('reports a misspelt provider name instead of taking it for a new endpoint', async () => {
    const { error } = await sectionsError({
      OpenAssistent: { baseUrl: 'http://127.0.0.1:3000' },
      'OpenAI-Compatible': { apiKey: 'sk-test' },
    });
    expect(error.message).toContain('providers.OpenAssistent: unknown provider (did you mean "OpenAssistant"?)');
    expect(error.message).toContain('providers.OpenAI-Compatible: unknown provider (did you mean "OpenAICompatible"?)');
  });

  it('holds a section under a name of its own to the endpoint schema, and says why', async () => {
    const { error } = await sectionsError({ Local: { cookies: { sid: 'x' } } });
    expect(error.message).toContain(
      'providers.Local: not a known provider ("OpenAssistant", "OpenAICompatible"), so it is read as an OpenAI-compatible endpoint',
    );
    expect(error.message).toContain('providers.Local.baseUrl: expected an http or https URL, received nothing');
    expect(error.message).toContain('providers.Local: unknown key "cookies"');
  });

  it('reports every problem of every section in one error', async () => {
    const { error } = await sectionsError({
      OpenAssistant: { baseUrl: 'localhost:3000' },
      OpenAICompatible: { models: 'gpt-4o' },
      OpenAssistent: {},
    });
    expect(error.message).toContain('providers.OpenAssistant.baseUrl');
    expect(error.message).toContain('providers.OpenAICompatible.models: expected an array, received "gpt-4o"');
    expect(error.message).toContain('providers.OpenAssistent: unknown provider');
  });

  it('never shows a secret from a rejected section', async () => {
    const { error } = await sectionsError({
      OpenAICompatible: { apiKey: 42 },
      Local: { baseUrl: 'ftp://alice:hunter2@host.example/v1', apiKey: 'sk-secret-key', extra: 1 },
    });
    expect(error.message).toContain(
      'providers.OpenAICompatible.apiKey: expected a string, received a number (value hidden)',
    );
    expect(error.message).toContain('alice:***@host.example');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('sk-secret-key');
  });

  it('leaves provider sections unchecked when not told how to read them', async () => {
    await writeConfig({ providers: { OpenAssistent: { anything: true } } });
    await expect(loadConfig({ cwd: dir, env: {} })).resolves.toEqual({
      providers: { OpenAssistent: { anything: true } },
    });
  });
});

describe('validateProviderSections', () => {
  it('takes any other name for an error when no other sections are allowed, naming the known ones', () => {
    const config = { providers: { Ollama: { baseUrl: 'http://127.0.0.1:11434/v1' } } };
    expect(() => validateProviderSections(config, { known: sections.known }, 'app config')).toThrowError(
      'invalid configuration in app config: providers.Ollama: unknown provider (expected one of "OpenAssistant", "OpenAICompatible")',
    );
  });

  it('accepts a config without providers', () => {
    expect(() => validateProviderSections({}, sections, 'app config')).not.toThrow();
  });
});
