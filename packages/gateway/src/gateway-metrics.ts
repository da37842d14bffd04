import type { AttemptRecord, ProviderRegistry } from '@switchyard/core';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const breakerStates = ['unknown', 'working', 'cooling-down', 'probing'] as const;

/**
 * The gateway's Prometheus metrics, in a registry of its own (never prom-client's global one, so
 * two gateways in one process do not share counts). Labels are provider names, routes, statuses
 * and error codes only: nothing a request or a provider's credentials carry.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'route' | 'status'>;
  readonly #attempts: Counter<'provider' | 'outcome'>;
  readonly #failures: Counter<'provider' | 'code'>;
  readonly #firstToken: Histogram<'provider'>;
  readonly #duration: Histogram<'provider' | 'outcome'>;

  constructor(providers: ProviderRegistry, openRequests: () => number) {
    const registers = [this.registry];
    this.#requests = new Counter({
      name: 'switchyard_gateway_requests_total',
      help: 'HTTP requests answered, by route and status.',
      labelNames: ['route', 'status'],
      registers,
    });
    this.#attempts = new Counter({
      name: 'switchyard_gateway_attempts_total',
      help: 'Provider attempts, by provider and outcome (succeeded, failed, empty, skipped).',
      labelNames: ['provider', 'outcome'],
      registers,
    });
    this.#failures = new Counter({
      name: 'switchyard_gateway_failures_total',
      help: 'Failed or skipped provider attempts, by provider and error code.',
      labelNames: ['provider', 'code'],
      registers,
    });
    this.#firstToken = new Histogram({
      name: 'switchyard_gateway_first_token_seconds',
      help: 'From the request to the first text or reasoning delta, by serving provider.',
      labelNames: ['provider'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.#duration = new Histogram({
      name: 'switchyard_gateway_completion_seconds',
      help: 'From the request to the end of the completion, by serving provider (or none) and outcome.',
      labelNames: ['provider', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    new Gauge({
      name: 'switchyard_gateway_open_requests',
      help: 'Chat completions in flight.',
      registers,
      collect() {
        this.set(openRequests());
      },
    });
    new Gauge({
      name: 'switchyard_gateway_breaker_state',
      help: "Each provider's circuit breaker: 1 for its current state, 0 for the others.",
      labelNames: ['provider', 'state'],
      registers,
      collect() {
        this.reset();
        for (const entry of providers.snapshot()) {
          for (const state of breakerStates)
            this.set({ provider: entry.provider, state }, entry.status === state ? 1 : 0);
        }
      },
    });
  }

  request(route: string, status: number): void {
    this.#requests.inc({ route, status: String(status) });
  }

  attempt(attempt: AttemptRecord): void {
    this.#attempts.inc({ provider: attempt.provider, outcome: attempt.outcome });
    if (attempt.error !== undefined) this.#failures.inc({ provider: attempt.provider, code: attempt.error.code });
  }

  firstToken(provider: string, seconds: number): void {
    this.#firstToken.observe({ provider }, seconds);
  }

  completion(provider: string | undefined, outcome: 'completed' | 'failed' | 'cancelled', seconds: number): void {
    this.#duration.observe({ provider: provider ?? 'none', outcome }, seconds);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
