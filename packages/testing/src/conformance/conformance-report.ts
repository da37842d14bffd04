export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  /** Stable id, `group.check`, e.g. `cancellation.abort-mid-stream`. */
  readonly name: string;
  readonly description: string;
  readonly status: CheckStatus;
  /** Why it failed or was skipped. */
  readonly reason: string | undefined;
  readonly durationMs: number;
}

export interface ConformanceReport {
  readonly subject: string;
  readonly checks: readonly CheckResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export function summarise(subject: string, checks: readonly CheckResult[]): ConformanceReport {
  const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length;
  return { subject, checks, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}
