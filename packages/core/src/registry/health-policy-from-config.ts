import type { SwitchyardConfig } from '../config/switchyard-config-schema.js';
import type { HealthPolicy } from './health-policy.js';

/** The breaker's policy as the config's `health` section sets it; only the keys it sets. */
export function healthPolicyFromConfig(config: SwitchyardConfig | undefined): Partial<HealthPolicy> {
  const health = config?.health;
  if (health === undefined) return {};
  const policy: { -readonly [Key in keyof HealthPolicy]?: HealthPolicy[Key] } = {};
  if (health.failures !== undefined) policy.failureThreshold = health.failures;
  if (health.failureWindowMs !== undefined) policy.failureWindowMs = health.failureWindowMs;
  if (health.cooldownMs !== undefined) policy.cooldownMs = health.cooldownMs;
  if (health.maxCooldownMs !== undefined) policy.maxCooldownMs = health.maxCooldownMs;
  if (health.backoffFactor !== undefined) policy.backoffFactor = health.backoffFactor;
  if (health.probeLeaseMs !== undefined) policy.probeLeaseMs = health.probeLeaseMs;
  return policy;
}
