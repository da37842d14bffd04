import { closeDispatchers } from '@switchyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { failedChecks } from './test-support/failed-checks.js';

afterAll(closeDispatchers);

describe('runConformance on leftovers', () => {
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
