import { closeDispatchers } from '@switchyard/core';
import { afterAll, describe } from 'vitest';
import { itFailsExactly } from './test-support/failed-checks.js';

afterAll(closeDispatchers);

describe('runConformance on aborts and the total time', () => {
  itFailsExactly([
    ['ignores-abort', ['cancellation.abort-before-first-token', 'cancellation.abort-mid-stream', 'timeouts.total']],
    ['no-total-timeout', ['timeouts.total']],
    ['abort-ignored-before-first-token', ['cancellation.abort-before-first-token']],
  ]);
});
