import { ConfigurationError, validateProviderSections } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { OpenAICompatible } from './openai-compatible-provider.js';
import { openAICompatibleConfigSection, openAICompatibleEndpointSection } from './openai-compatible-settings.js';

const sections = { known: [openAICompatibleConfigSection], other: openAICompatibleEndpointSection };
const problemsOf = (providers: Record<string, Record<string, unknown>>): string => {
  try {
    validateProviderSections({ providers }, sections, 'switchyard.config.json');
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error.message;
    throw error;
  }
  return '';
};

describe('OpenAI-compatible config sections', () => {
  it('accepts the default section without a base URL and an endpoint with one', () => {
    expect(
      problemsOf({
        OpenAI: { apiKey: 'sk-test', models: ['gpt-4o-mini'] },
        Ollama: { baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3'] },
      }),
    ).toBe('');
  });

  it('requires a base URL of a section under a name of its own', () => {
    expect(problemsOf({ Ollama: { models: ['llama3'] } })).toContain(
      'providers.Ollama.baseUrl: expected an http or https URL, received nothing',
    );
  });

  it('suggests the key a misspelt one was meant to be', () => {
    expect(problemsOf({ Ollama: { baseUrl: 'http://127.0.0.1:11434/v1', modles: ['llama3'] } })).toContain(
      'providers.Ollama: unknown key "modles" (did you mean "models"?)',
    );
  });

  it('rejects `name` in a section, whose name is its key, as the provider itself does', () => {
    expect(problemsOf({ OpenAI: { name: 'Other' } })).toContain('providers.OpenAI: unknown key "name"');
    expect(() => new OpenAICompatible({}, { config: { providers: { OpenAI: { name: 'Other' } } } })).toThrowError(
      ConfigurationError,
    );
  });
});
