import { closeDispatchers } from '@switchyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance } from './run-conformance.js';
import { boundMs, failedChecks } from './test-support/failed-checks.js';
import type { Defect } from './test-support/reference-openassistant-provider.js';
import { referenceSubject } from './test-support/reference-subject.js';

afterAll(closeDispatchers);

describe('runConformance', () => {
  it('passes a correct provider on every check', { timeout: 60_000 }, async () => {
    const report = await runConformance(referenceSubject(), { boundMs });
    expect(report.checks.filter((check) => check.status === 'failed')).toEqual([]);
    expect(report.checks.filter((check) => check.status === 'skipped')).toEqual([]);
    expect(report.passed).toBe(report.checks.length);
  });

  it.each<[Defect, string[]]>([
    ['swallows-error-events', ['errors.upstream-error-event']],
    ['leaks-cookies', ['secrets.stay-on-host']],
    ['ignores-call-cookies', ['cookies.per-call']],
    ['mutates-messages', ['input.messages-not-mutated']],
    ['sends-default-model', ['models.on-the-wire']],
    ['proxies-first-request-only', ['proxy.every-request']],
    ['leaks-secret-in-protocol-errors', ['secrets.not-in-errors']],
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
  ])('fails a provider that %s on exactly the checks it breaks', { timeout: 60_000 }, async (defect, expected) => {
    const failed = await failedChecks(defect);
    expect(failed.map((check) => check.name)).toEqual(expected);
    for (const check of failed) expect(check.reason).toBeTruthy();
  });

  it('fails a provider that yields non-strings on the checks that read its text', { timeout: 60_000 }, async () => {
    const failed = await failedChecks('yields-non-strings');
    const names = failed.map((check) => check.name);
    expect(names).toContain('streaming.yields-strings');
    // The contract's base class stops the stream at the first part that is not a string.
    for (const check of failed) expect(check.reason).toMatch(/not a string/);
  });
});
