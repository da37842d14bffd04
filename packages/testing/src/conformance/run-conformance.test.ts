import { closeDispatchers } from '@switchyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance } from './run-conformance.js';
import type { Defect } from './test-support/reference-openassistant-provider.js';
import { referenceSubject } from './test-support/reference-subject.js';

afterAll(closeDispatchers);

// Short bounds: a broken provider fails by running into them.
const boundMs = 1_000;

async function failedChecks(...defects: Defect[]) {
  const report = await runConformance(referenceSubject(...defects), { boundMs });
  return report.checks.filter((check) => check.status === 'failed');
}

describe('runConformance', () => {
  it('passes a correct provider on every check', { timeout: 60_000 }, async () => {
    const report = await runConformance(referenceSubject(), { boundMs });
    expect(report.checks.filter((check) => check.status === 'failed')).toEqual([]);
    expect(report.checks.filter((check) => check.status === 'skipped')).toEqual([]);
    expect(report.passed).toBe(report.checks.length);
  });

  it.each<[Defect, string[]]>([
    ['ignores-abort', ['cancellation.abort-before-first-token', 'cancellation.abort-mid-stream', 'timeouts.total']],
    ['swallows-error-events', ['errors.upstream-error-event']],
    ['leaks-cookies', ['secrets.stay-on-host']],
    ['never-times-out', ['timeouts.first-token', 'timeouts.idle', 'timeouts.per-call']],
    ['idle-timer-never-restarts', ['timeouts.idle-restarts-on-delta']],
    ['no-headers-timeout', ['timeouts.headers']],
    ['no-total-timeout', ['timeouts.total']],
    ['ignores-call-timeouts', ['timeouts.per-call']],
    ['ignores-call-cookies', ['cookies.per-call']],
    ['abort-ignored-before-first-token', ['cancellation.abort-before-first-token']],
    ['mutates-messages', ['input.messages-not-mutated']],
    ['sends-default-model', ['models.on-the-wire']],
    ['proxies-first-request-only', ['proxy.every-request']],
    ['leaks-secret-in-protocol-errors', ['secrets.not-in-errors']],
    ['buffers-stream', ['streaming.incremental', 'cancellation.abort-mid-stream', 'cancellation.break-releases']],
  ])('fails a provider that %s on exactly the checks it breaks', { timeout: 60_000 }, async (defect, expected) => {
    const failed = await failedChecks(defect);
    expect(failed.map((check) => check.name)).toEqual(expected);
    for (const check of failed) expect(check.reason).toBeTruthy();
  });

  it('fails a provider that yields non-strings on the checks that read its text', { timeout: 60_000 }, async () => {
    const failed = await failedChecks('yields-non-strings');
    const names = failed.map((check) => check.name);
    expect(names).toContain('streaming.yields-strings');
    expect(failed.find((check) => check.name === 'streaming.yields-strings')?.reason).toMatch(/expected strings/);
    // Every other failure is one that compares the text it yielded, and shows what came out.
    for (const check of failed.filter((check) => check.name !== 'streaming.yields-strings')) {
      expect(check.reason).toContain('[object Object]');
    }
  });

  // Every check that makes a call waits out the bound for the chat to go: the longest run here.
  it('fails a provider that leaves the chat behind, saying what it left', { timeout: 120_000 }, async () => {
    const failed = await failedChecks('leaves-chat');
    const names = failed.map((check) => check.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'cancellation.break-releases',
        'cancellation.abort-mid-stream',
        'streaming.text-equals-content',
      ]),
    );
    for (const check of failed) expect(check.reason).toMatch(/(left behind|still held) on the server.*\d+ live chat/);
    // Checks that make no call have nothing to leave behind.
    const callless = ['metadata.', 'input.invalid-', 'models.unknown', 'cancellation.already-aborted'];
    expect(names.filter((name) => callless.some((prefix) => name.startsWith(prefix)))).toEqual([]);
  });
});
