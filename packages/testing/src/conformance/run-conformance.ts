import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Messages } from '@switchyard/core';
import { CheckFailure, CheckSkipped, describeValue } from './check-outcome.js';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import { conformanceChecks } from './conformance-checks.js';
import type { CheckResult, ConformanceReport } from './conformance-report.js';
import { summarise } from './conformance-report.js';
import type { ConformanceSubject } from './conformance-subject.js';
import { settledLeftovers } from './settled-leftovers.js';

export interface RunConformanceOptions {
  /** Only the checks whose name starts with one of these (e.g. `errors.`). */
  readonly only?: readonly string[] | undefined;
  /** The longest the suite waits for what should happen at once. Default 5 s. */
  readonly boundMs?: number | undefined;
  /** Told as each check finishes, for progress output. */
  readonly onCheck?: ((result: CheckResult) => void) | undefined;
  /** The checks to run; the whole suite by default. */
  readonly checks?: readonly ConformanceCheck[] | undefined;
  /** Stops the run between checks; the report then holds the checks that ran. */
  readonly signal?: AbortSignal | undefined;
}

const suiteMessages: Messages = [
  { role: 'system', content: 'You are a conformance test.' },
  { role: 'user', content: 'Answer as scripted.' },
];

/** Timers keeping the process alive: what a provider must not leave behind. */
const activeTimers = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

async function runCheck(subject: ConformanceSubject, check: ConformanceCheck, boundMs: number): Promise<CheckResult> {
  const started = performance.now();
  const timersBefore = activeTimers();
  const target = await subject.startTarget();
  const context: CheckContext = {
    subject,
    target,
    // A copy per check, so a provider that writes to its input spoils only the check it is in.
    messages: structuredClone(suiteMessages),
    boundMs,
    provider: (overrides = {}) =>
      subject.createProvider({ baseUrl: target.baseUrl, credentials: target.credentials, ...overrides }),
  };
  let status: CheckResult['status'] = 'passed';
  let reason: string | undefined;
  try {
    await check.run(context);
    // Whatever the provider left behind on the server counts against the check.
    const leftovers = await settledLeftovers(context.target, boundMs);
    if (leftovers.length > 0) throw new CheckFailure(`left behind on the server: ${leftovers.join(', ')}`);
  } catch (error) {
    if (error instanceof CheckSkipped) {
      status = 'skipped';
      reason = error.message;
    } else {
      status = 'failed';
      reason = error instanceof CheckFailure ? error.message : `the check threw ${describeValue(error)}`;
    }
  }
  // Counted before the emulator closes, since closing its sockets could stop what a provider left.
  await nextTurn();
  const timersLeft = activeTimers() - timersBefore;
  await target.close();
  if (status === 'passed' && timersLeft > 0) {
    status = 'failed';
    reason = `left ${timersLeft} timer(s) running in the process`;
  }
  return { name: check.name, description: check.description, status, reason, durationMs: performance.now() - started };
}

/**
 * Runs the conformance suite against one provider and reports each check as passed, failed (with
 * the reason) or skipped (with the reason). Independent of any test runner; each check gets a
 * fresh emulator, and whatever a check leaves behind fails it.
 */
export async function runConformance(
  subject: ConformanceSubject,
  options: RunConformanceOptions = {},
): Promise<ConformanceReport> {
  const boundMs = options.boundMs ?? 5_000;
  const only = options.only;
  const checks = (options.checks ?? conformanceChecks).filter(
    (check) => only === undefined || only.some((prefix) => check.name.startsWith(prefix)),
  );
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (options.signal?.aborted) break;
    const result = await runCheck(subject, check, boundMs);
    results.push(result);
    options.onCheck?.(result);
  }
  return summarise(subject.name, results);
}
