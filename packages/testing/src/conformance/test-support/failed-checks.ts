import { expect, it } from 'vitest';
import { runConformance } from '../run-conformance.js';
import type { Defect } from './reference-openassistant-provider.js';
import { referenceSubject } from './reference-subject.js';

// Short bounds: a broken provider fails by running into them.
export const boundMs = 1_000;

/** The checks the reference provider fails with these defects switched on. */
export async function failedChecks(...defects: Defect[]) {
  const report = await runConformance(referenceSubject(...defects), { boundMs });
  return report.checks.filter((check) => check.status === 'failed');
}

/**
 * One test per defect: the reference provider with it switched on fails exactly these checks,
 * each with a reason. Each file of these runs beside the others, in a process of its own.
 */
export function itFailsExactly(cases: ReadonlyArray<readonly [Defect, readonly string[]]>): void {
  it.each(cases)(
    'fails a provider that %s on exactly the checks it breaks',
    { timeout: 60_000 },
    async (defect, expected) => {
      const failed = await failedChecks(defect);
      expect(failed.map((check) => check.name)).toEqual(expected);
      for (const check of failed) expect(check.reason).toBeTruthy();
    },
  );
}
