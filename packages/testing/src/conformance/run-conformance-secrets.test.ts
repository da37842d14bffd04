import { closeDispatchers } from '@switchyard/core';
import { afterAll, describe } from 'vitest';
import { itFailsExactly } from './test-support/failed-checks.js';

afterAll(closeDispatchers);

describe('runConformance on secrets and proxies', () => {
  itFailsExactly([
    ['leaks-cookies', ['secrets.stay-on-host']],
    ['leaks-secret-in-protocol-errors', ['secrets.not-in-errors']],
    ['proxies-first-request-only', ['proxy.every-request']],
    ['ignores-call-cookies', ['cookies.per-call']],
  ]);
});
