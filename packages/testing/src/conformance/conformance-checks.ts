import { cancellationChecks } from './cancellation-checks.js';
import type { ConformanceCheck } from './conformance-check.js';
import { cookieChecks } from './cookie-checks.js';
import { errorMappingChecks } from './error-mapping-checks.js';
import { inputChecks } from './input-checks.js';
import { metadataChecks } from './metadata-checks.js';
import { modelChecks } from './model-checks.js';
import { proxyAndSecretChecks } from './proxy-and-secret-checks.js';
import { streamingChecks } from './streaming-checks.js';
import { timeoutChecks } from './timeout-checks.js';

/** Every check of the suite, in the order they run and are reported. */
export const conformanceChecks: readonly ConformanceCheck[] = [
  ...metadataChecks,
  ...inputChecks,
  ...streamingChecks,
  ...modelChecks,
  ...cancellationChecks,
  ...errorMappingChecks,
  ...timeoutChecks,
  ...cookieChecks,
  ...proxyAndSecretChecks,
];
