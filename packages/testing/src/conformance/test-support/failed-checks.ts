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
