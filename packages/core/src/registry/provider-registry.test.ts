import 'reflect-metadata';
import { instanceCachingFactory, container as rootContainer } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { CONFIG } from '../config/config-token.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ProviderNotFoundError } from '../errors/provider-not-found-error.js';
import { SseTestProvider } from '../test-support/sse-test-provider.js';
import { CLOCK } from './clock.js';
import { HEALTH_STORE } from './health-store.js';
import { MemoryHealthStore } from './memory-health-store.js';
import { ProviderRegistry } from './provider-registry.js';
import { type AnyProvider, PROVIDER } from './provider-token.js';

class OfflineProvider extends SseTestProvider {
  override readonly name: string = 'Offline';
  override readonly label: string = 'Offline provider';
  override readonly working = false;
  override readonly needsAuth = true;
  override readonly models = ['big-model'];
  override readonly defaultModel: string = 'big-model';
  override readonly modelAliases: Readonly<Record<string, string>> = {};
}

function setup() {
  let now = 1_000_000;
  const container = rootContainer.createChildContainer();
  container.register(CLOCK, { useValue: () => now });
  container.register(PROVIDER, { useValue: new SseTestProvider('http://127.0.0.1:1') as AnyProvider });
  container.register(PROVIDER, { useValue: new OfflineProvider('http://127.0.0.1:1') as AnyProvider });
  return {
    registry: container.resolve(ProviderRegistry),
    container,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('ProviderRegistry lookups', () => {
  it('finds providers by name, case-insensitively, and by label', () => {
    const { registry } = setup();
    expect(registry.get('ssetest').name).toBe('SseTest');
    expect(registry.get('SSETEST').name).toBe('SseTest');
    expect(registry.get('offline provider').name).toBe('Offline');
  });

  it('names the known providers when a name is unknown', () => {
    const { registry } = setup();
    expect(() => registry.get('Bard')).toThrowError(ProviderNotFoundError);
    expect(() => registry.get('Bard')).toThrowError('Known providers: SseTest, Offline.');
  });

  it.each([
    ['a number', 42, 'received number'],
    ['undefined', undefined, 'received undefined'],
    ['null', null, 'received null'],
    ['a provider object', { name: 'SseTest' }, 'received object'],
  ])('rejects %s as a name in get and has, naming the argument', (_label, name, received) => {
    // As a JavaScript caller, or a value read from JSON, would call it.
    const registry = setup().registry as unknown as { get(name: unknown): unknown; has(name: unknown): unknown };
    for (const lookup of [() => registry.get(name), () => registry.has(name)]) {
      expect(lookup).toThrowError(InvalidRequestError);
      expect(lookup).toThrowError(`invalid request. name: expected string, ${received}`);
    }
  });

  it('is one instance per container', () => {
    const { registry, container } = setup();
    expect(container.resolve(ProviderRegistry)).toBe(registry);
  });

  it("is a different instance in each child container, with that container's providers", () => {
    const first = setup();
    const second = rootContainer.createChildContainer();
    second.register(PROVIDER, { useValue: new OfflineProvider('http://127.0.0.1:1') as AnyProvider });
    const other = second.resolve(ProviderRegistry);
    expect(other).not.toBe(first.registry);
    expect(other.names()).toEqual(['Offline']);
    expect(first.registry.names()).toEqual(['SseTest', 'Offline']);
  });

  it('lets a typed error from a provider factory reach the caller as itself, not as a DI error', () => {
    const scope = rootContainer.createChildContainer();
    scope.register(PROVIDER, {
      useFactory: instanceCachingFactory(() => {
        throw new ConfigurationError({
          source: 'providers.Broken',
          problems: ['baseUrl: expected an http or https URL'],
        });
      }),
    });
    // Not tsyringe's "Cannot inject the dependency "providers" at position #0 …", which keeps only the text.
    expect(() => scope.resolve(ProviderRegistry)).toThrowError(ConfigurationError);
    expect(() => scope.resolve(ProviderRegistry)).toThrowError(/^invalid configuration in providers\.Broken: baseUrl/);
  });

  it('works with no providers registered', () => {
    const registry = rootContainer.createChildContainer().resolve(ProviderRegistry);
    expect(registry.list()).toEqual([]);
    expect(() => registry.get('x')).toThrowError('none are registered');
  });
});

describe('ProviderRegistry filters', () => {
  it('filters on working, needsAuth and model (aliases included)', () => {
    const { registry } = setup();
    const names = (providers: AnyProvider[]) => providers.map((provider) => provider.name);
    expect(names(registry.list())).toEqual(['SseTest', 'Offline']);
    expect(names(registry.list({ working: true }))).toEqual(['SseTest']);
    expect(names(registry.list({ working: false }))).toEqual(['Offline']);
    expect(names(registry.list({ needsAuth: true }))).toEqual(['Offline']);
    expect(names(registry.list({ model: 'tiny' }))).toEqual(['SseTest']);
    expect(names(registry.list({ model: 'big-model' }))).toEqual(['Offline']);
    expect(names(registry.list({ model: 'big-model', working: true }))).toEqual([]);
  });
});

describe('ProviderRegistry health', () => {
  it('marks a provider not working for a cooldown, then counts it as working again', () => {
    const { registry, advance } = setup();
    registry.markNotWorking('ssetest', 'three failures in a row', 30_000);
    expect(registry.isWorking('SseTest')).toBe(false);
    expect(registry.list({ working: true })).toEqual([]);
    expect(registry.snapshot()[0]).toMatchObject({
      provider: 'SseTest',
      status: 'cooling-down',
      reason: 'three failures in a row',
      cooldownLeftMs: 30_000,
      working: false,
    });

    advance(29_999);
    expect(registry.isWorking('SseTest')).toBe(false);
    expect(registry.snapshot()[0]?.cooldownLeftMs).toBe(1);

    advance(1);
    expect(registry.isWorking('SseTest')).toBe(true);
    expect(registry.snapshot()[0]).toMatchObject({ status: 'working', cooldownLeftMs: 0, working: true });
  });

  it('lets a manual mark override the static flag both ways', () => {
    const { registry } = setup();
    expect(registry.isWorking('Offline')).toBe(false);
    registry.markWorking('Offline');
    expect(registry.isWorking('Offline')).toBe(true);
    registry.markNotWorking('Offline', 'maintenance', 1_000);
    expect(registry.isWorking('Offline')).toBe(false);
  });

  it('reports unknown health as the static flag', () => {
    const { registry } = setup();
    expect(registry.snapshot().map(({ provider, status, working }) => ({ provider, status, working }))).toEqual([
      { provider: 'SseTest', status: 'unknown', working: true },
      { provider: 'Offline', status: 'unknown', working: false },
    ]);
  });

  it('uses the health store registered under HEALTH_STORE and the policy from CONFIG', () => {
    const container = rootContainer.createChildContainer();
    container.register(CLOCK, { useValue: () => 1_000_000 });
    container.register(PROVIDER, { useValue: new SseTestProvider('http://127.0.0.1:1') as AnyProvider });
    const store = new MemoryHealthStore();
    container.register(HEALTH_STORE, { useValue: store });
    container.register(CONFIG, { useValue: { health: { failures: 7, cooldownMs: 1234 } } });
    const registry = container.resolve(ProviderRegistry);
    expect(registry.health.policy).toMatchObject({ failureThreshold: 7, cooldownMs: 1234 });
    registry.markNotWorking('ssetest', 'maintenance');
    expect(store.read('SseTest')).toMatchObject({ status: 'open', reason: 'maintenance', openUntil: 1_001_234 });
  });

  it('rejects health marks for unknown providers', () => {
    const { registry } = setup();
    expect(() => registry.markNotWorking('nobody', 'x', 1)).toThrowError(ProviderNotFoundError);
  });
});
