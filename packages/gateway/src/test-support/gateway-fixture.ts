import 'reflect-metadata';
import {
  type GatewayLimitsConfig,
  HEALTH_POLICY,
  type HealthPolicy,
  type Logger,
  ProviderRegistry,
} from '@switchyard/core';
import { registerOpenAICompatible } from '@switchyard/provider-openai-compatible';
import { registerOpenAssistant } from '@switchyard/provider-openassistant';
import {
  closedPort,
  type OpenAICompatibleServer,
  type OpenAICompatibleServerOptions,
  type OpenAssistantServer,
  openAssistantSessionCookieName,
  startOpenAICompatibleServer,
  startOpenAssistantServer,
} from '@switchyard/testing';
import { container } from 'tsyringe';
import type { RunningGateway } from '../start-gateway.js';
import { startGateway } from '../start-gateway.js';

export const gatewayKey = 'sk-gateway-test-key';
/** The emulated upstream's own key: it must never show in anything the gateway answers. */
export const upstreamKey = 'sk-upstream-secret-0123456789';

export interface GatewayFixture {
  readonly gateway: RunningGateway;
  /** `${gateway.url}/v1`, what clients take as their base URL. */
  readonly baseURL: string;
  readonly openAI: OpenAICompatibleServer;
  readonly openAssistant: OpenAssistantServer;
  readonly registry: ProviderRegistry;
  close(): Promise<void>;
}

export interface GatewayFixtureOptions {
  readonly keys?: readonly string[] | undefined;
  readonly limits?: GatewayLimitsConfig | undefined;
  readonly openAI?: OpenAICompatibleServerOptions | undefined;
  readonly chains?: Readonly<Record<string, readonly string[]>> | undefined;
  readonly healthPolicy?: Partial<HealthPolicy> | undefined;
  readonly logger?: Logger | undefined;
}

/**
 * A gateway on 127.0.0.1 over four providers registered through DI: `Dead` (a closed port),
 * `OpenAssistant` and `LocalOpenAI` on their emulators, and `Impatient` on the OpenAI emulator
 * with a 300 ms headers timeout. Chains: `default` = Dead → LocalOpenAI, `assistant` =
 * OpenAssistant alone.
 */
export async function startGatewayFixture(options: GatewayFixtureOptions = {}): Promise<GatewayFixture> {
  const openAI = await startOpenAICompatibleServer({
    apiKey: upstreamKey,
    models: ['gpt-4o-mini', 'llama3.1:8b'],
    ...options.openAI,
  });
  const openAssistant = await startOpenAssistantServer({ pendingIntervalMs: 5, rateLimit: false });
  const scope = container.createChildContainer();
  if (options.healthPolicy !== undefined) scope.register(HEALTH_POLICY, { useValue: options.healthPolicy });
  registerOpenAICompatible(scope, {
    name: 'Dead',
    baseUrl: `http://127.0.0.1:${await closedPort()}/v1`,
    models: ['dead-model'],
  });
  registerOpenAssistant(scope, {
    baseUrl: openAssistant.url,
    cookies: { [openAssistantSessionCookieName]: openAssistant.sessionToken },
  });
  registerOpenAICompatible(scope, {
    name: 'LocalOpenAI',
    baseUrl: openAI.url,
    apiKey: upstreamKey,
    models: ['gpt-4o-mini', 'llama3.1:8b'],
  });
  registerOpenAICompatible(scope, {
    name: 'Impatient',
    baseUrl: openAI.url,
    apiKey: upstreamKey,
    models: ['gpt-4o-mini'],
    timeouts: { headersMs: 300 },
  });
  const registry = scope.resolve(ProviderRegistry);
  const gateway = await startGateway({
    registry,
    chains: options.chains ?? { default: ['Dead', 'LocalOpenAI'], assistant: ['OpenAssistant'] },
    keys: options.keys ?? [gatewayKey],
    limits: options.limits,
    logger: options.logger,
  });
  return {
    gateway,
    baseURL: `${gateway.url}/v1`,
    openAI,
    openAssistant,
    registry,
    async close() {
      await gateway.close({ graceMs: 0 });
      await openAI.close();
      await openAssistant.close();
      await scope.dispose();
    },
  };
}
