import { closeDispatchers, ProviderNotFoundError } from '@switchyard/core';
import { openAICompatibleConformanceSubject } from '@switchyard/provider-openai-compatible/conformance';
import { openAssistantConformanceSubject } from '@switchyard/provider-openassistant/conformance';
import { type ConformanceReport, formatReportTable, runConformance } from '@switchyard/testing';
import ora from 'ora';
import { exitCodes } from '../exit-codes.js';

export const conformanceSubjects = [openAssistantConformanceSubject, openAICompatibleConformanceSubject];

/** Runs the suite on one subject against its embedded emulator, with a spinner as it goes. */
export async function conformanceReport(
  subject: (typeof conformanceSubjects)[number],
  stderr: NodeJS.WritableStream,
  signal: AbortSignal,
): Promise<ConformanceReport> {
  const spinner = ora({ text: `conformance of ${subject.name}`, stream: stderr }).start();
  let done = 0;
  const report = await runConformance(subject, {
    signal,
    onCheck: (result) => {
      done += 1;
      spinner.text = `conformance of ${subject.name}: ${done} checks, last ${result.name} ${result.status}`;
    },
  });
  if (signal.aborted) spinner.warn(`${subject.name}: interrupted after ${report.checks.length} checks`);
  else if (report.failed > 0)
    spinner.fail(`${subject.name}: ${report.failed} of ${report.checks.length} checks failed`);
  else spinner.succeed(`${subject.name}: ${report.passed} passed, ${report.skipped} skipped`);
  return report;
}

export async function runConformanceCommand(
  flags: { provider?: string | undefined },
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  signal: AbortSignal,
): Promise<number> {
  const wanted = flags.provider?.toLowerCase();
  const subjects = conformanceSubjects.filter(
    (subject) => wanted === undefined || subject.name.toLowerCase() === wanted,
  );
  if (subjects.length === 0) {
    throw new ProviderNotFoundError({
      requested: flags.provider ?? '',
      knownProviders: conformanceSubjects.map((subject) => subject.name),
    });
  }
  let failed = 0;
  for (const subject of subjects) {
    const report = await conformanceReport(subject, io.stderr, signal);
    io.stdout.write(`${formatReportTable(report)}\n\n`);
    failed += report.failed;
    if (signal.aborted) break;
  }
  await closeDispatchers();
  if (signal.aborted) return exitCodes.interrupted;
  return failed > 0 ? exitCodes.failure : exitCodes.ok;
}
