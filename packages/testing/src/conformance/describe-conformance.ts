import { describe, it } from 'vitest';
import { conformanceChecks } from './conformance-checks.js';
import type { ConformanceSubject } from './conformance-subject.js';
import { type RunConformanceOptions, runConformance } from './run-conformance.js';

/**
 * The vitest adapter: one test per conformance check, failing with the check's reason and
 * skipped with its reason. Call it at the top level of a test file.
 */
export function describeConformance(
  subject: ConformanceSubject,
  options: Pick<RunConformanceOptions, 'boundMs' | 'only'> = {},
): void {
  const boundMs = options.boundMs ?? 5_000;
  const only = options.only;
  const checks = conformanceChecks.filter(
    (check) => only === undefined || only.some((prefix) => check.name.startsWith(prefix)),
  );
  describe(`conformance of ${subject.name}`, () => {
    for (const check of checks) {
      it(`${check.name}: ${check.description}`, { timeout: boundMs * 6 }, async (context) => {
        const report = await runConformance(subject, { checks: [check], boundMs });
        const result = report.checks[0];
        if (result?.status === 'skipped') context.skip(result.reason);
        if (result?.status === 'failed') throw new Error(result.reason);
      });
    }
  });
}
