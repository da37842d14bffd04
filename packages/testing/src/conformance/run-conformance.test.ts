import { closeDispatchers } from '@switchyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance } from './run-conformance.js';
import { boundMs, failedChecks } from './test-support/failed-checks.js';
import { referenceSubject } from './test-support/reference-subject.js';

afterAll(closeDispatchers);

describe('runConformance', () => {
  it('passes a correct provider on every check', { timeout: 60_000 }, async () => {
    const report = await runConformance(referenceSubject(), { boundMs });
    expect(report.checks.filter((check) => check.status === 'failed')).toEqual([]);
    expect(report.checks.filter((check) => check.status === 'skipped')).toEqual([]);
    expect(report.passed).toBe(report.checks.length);
  });

  it('fails a provider that yields non-strings on the checks that read its text', { timeout: 60_000 }, async () => {
    const failed = await failedChecks('yields-non-strings');
    const names = failed.map((check) => check.name);
    expect(names).toContain('streaming.yields-strings');
    // The contract's base class stops the stream at the first part that is not a string.
    for (const check of failed) expect(check.reason).toMatch(/not a string/);
  });
});
