import type { CheckResult, ConformanceReport } from './conformance-report.js';

const marks: Readonly<Record<CheckResult['status'], string>> = { passed: 'pass', failed: 'FAIL', skipped: 'skip' };

/** One line per check, as it finishes. */
export function formatCheckLine(result: CheckResult): string {
  const reason = result.reason === undefined ? '' : ` — ${result.reason}`;
  return `${marks[result.status]}  ${result.name} (${Math.round(result.durationMs)} ms)${reason}`;
}

/** The report as a plain-text table, ending in the `N passed, N failed, N skipped` line. */
export function formatReportTable(report: ConformanceReport): string {
  const nameWidth = Math.max('check'.length, ...report.checks.map((check) => check.name.length));
  const rows = report.checks.map(
    (check) =>
      `| ${marks[check.status]}   | ${check.name.padEnd(nameWidth)} | ${(check.reason ?? check.description).replace(/\s+/g, ' ')}`,
  );
  return [
    `Conformance of ${report.subject}`,
    `| ${'result'} | ${'check'.padEnd(nameWidth)} | detail`,
    `|--------|-${'-'.repeat(nameWidth)}-|-------`,
    ...rows,
    '',
    `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`,
  ].join('\n');
}
