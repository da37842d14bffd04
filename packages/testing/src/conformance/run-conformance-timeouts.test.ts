import { closeDispatchers } from '@switchyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { failedChecks } from './test-support/failed-checks.js';
import type { Defect } from './test-support/reference-openassistant-provider.js';

afterAll(closeDispatchers);

describe('runConformance on timers and signals', () => {
  it.each<[Defect, string[]]>([
    ['ignores-abort', ['cancellation.abort-before-first-token', 'cancellation.abort-mid-stream', 'timeouts.total']],
    ['never-times-out', ['timeouts.first-token', 'timeouts.idle', 'timeouts.per-call']],
    ['idle-timer-never-restarts', ['timeouts.idle-restarts-on-delta']],
    ['no-headers-timeout', ['timeouts.headers']],
    ['no-total-timeout', ['timeouts.total']],
    ['ignores-call-timeouts', ['timeouts.per-call']],
    ['abort-ignored-before-first-token', ['cancellation.abort-before-first-token']],
  ])('fails a provider that %s on exactly the checks it breaks', { timeout: 60_000 }, async (defect, expected) => {
    const failed = await failedChecks(defect);
    expect(failed.map((check) => check.name)).toEqual(expected);
    for (const check of failed) expect(check.reason).toBeTruthy();
  });
});
