import { closeDispatchers } from '@switchyard/core';
import { afterAll, describe } from 'vitest';
import { itFailsExactly } from './test-support/failed-checks.js';

afterAll(closeDispatchers);

describe('runConformance on what a stream carries', () => {
  itFailsExactly([
    ['swallows-error-events', ['errors.upstream-error-event']],
    ['mutates-messages', ['input.messages-not-mutated']],
    ['sends-default-model', ['models.on-the-wire']],
    // The text it held back never reached the caller, so a cut stream's partial text is short too.
    [
      'buffers-stream',
      [
        'streaming.incremental',
        'cancellation.abort-mid-stream',
        'cancellation.break-releases',
        'errors.disconnect-mid-stream',
      ],
    ],
  ]);
});
