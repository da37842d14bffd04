import { closeDispatchers } from '@switchyard/core';
import { afterAll, describe } from 'vitest';
import { itFailsExactly } from './test-support/failed-checks.js';

afterAll(closeDispatchers);

describe('runConformance on clocks', () => {
  itFailsExactly([
    ['never-times-out', ['timeouts.first-token', 'timeouts.idle', 'timeouts.per-call']],
    ['idle-timer-never-restarts', ['timeouts.idle-restarts-on-delta']],
    ['no-headers-timeout', ['timeouts.headers']],
    ['ignores-call-timeouts', ['timeouts.per-call']],
  ]);
});
