import { CONFIG, ConfigurationError, PROVIDER, ProviderRegistry } from '@switchyard/core';
import { container } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { OpenAssistant, registerOpenAssistant } from './index.js';

describe('Open Assistant registration', () => {
  it('registers itself in the global container when the package is imported', () => {
    const providers = container.resolveAll(PROVIDER);
    expect(providers.some((provider) => provider instanceof OpenAssistant)).toBe(true);
    const registry = container.resolve(ProviderRegistry);
    expect(registry.get('openassistant').working).toBe(false);
  });

  it('registers into a given container with its settings and that container’s config', () => {
    const child = container.createChildContainer();
    child.register(CONFIG, { useValue: { providers: { OpenAssistant: { userAgent: 'from-config' } } } });
    registerOpenAssistant(child, { baseUrl: 'http://127.0.0.1:9' });
    const registry = child.resolve(ProviderRegistry);
    const provider = registry.get('OpenAssistant');
    expect(provider).toBeInstanceOf(OpenAssistant);
    expect(provider.working).toBe(true);
    expect(registry.list({ working: true, model: '_lorem' })).toEqual([provider]);
    // One instance per registration, however often it is resolved.
    expect(child.resolveAll(PROVIDER)[0]).toBe(provider);
  });

  it('raises a mistake in its config section as a ConfigurationError through DI, not a DI error', () => {
    const child = container.createChildContainer();
    child.register(CONFIG, { useValue: { providers: { OpenAssistant: { baseUrl: '127.0.0.1:3000' } } } });
    registerOpenAssistant(child);
    expect(() => child.resolve(ProviderRegistry)).toThrowError(ConfigurationError);
    expect(() => child.resolve(ProviderRegistry)).toThrowError(
      /^invalid configuration in providers\.OpenAssistant: baseUrl: expected an http or https URL, received "127\.0\.0\.1:3000"$/,
    );
  });
});
