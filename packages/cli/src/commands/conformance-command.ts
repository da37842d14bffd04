import { closeDispatchers } from '@switchyard/core';
import { openAICompatibleConformanceSubject } from '@switchyard/provider-openai-compatible/conformance';
import { openAssistantConformanceSubject } from '@switchyard/provider-openassistant/conformance';
import {
  type ConformanceReport,
  type ConformanceSubject,
  formatReportTable,
  runConformance,
} from '@switchyard/testing';
import { exitCodes } from '../exit-codes.js';
import { buildProviderScope } from '../provider-scope.js';
import { progressLine } from '../terminal/progress-line.js';
import { terminalStyle } from '../terminal/terminal-style.js';
import { UsageError } from '../usage-error.js';

export const conformanceSubjects: readonly ConformanceSubject[] = [
  openAssistantConformanceSubject,
  openAICompatibleConformanceSubject,
];

/**
 * Runs the suite on one subject against its embedded emulator: on a terminal a status line that
 * follows the checks; everywhere one line for the outcome, coloured only on a terminal.
 */
export async function conformanceReport(
  subject: ConformanceSubject,
  stderr: NodeJS.WritableStream,
  signal: AbortSignal,
): Promise<ConformanceReport> {
  const line = progressLine(stderr);
  const style = terminalStyle(stderr);
  line.status(`conformance of ${subject.name}`);
  let done = 0;
  const report = await runConformance(subject, {
    signal,
    onCheck: (result) => {
      done += 1;
      line.status(`conformance of ${subject.name}: ${done} checks, last ${result.name} ${result.status}`);
    },
  });
  line.clear();
  if (signal.aborted) line.persist(style.yellow(`! ${subject.name}: interrupted after ${report.checks.length} checks`));
  else if (report.failed > 0) {
    line.persist(style.red(`✖ ${subject.name}: ${report.failed} of ${report.checks.length} checks failed`));
  } else line.persist(style.green(`✔ ${subject.name}: ${report.passed} passed, ${report.skipped} skipped`));
  return report;
}

export async function runConformanceCommand(
  flags: {
    provider?: string | undefined;
    config?: string | undefined;
    plugin?: readonly string[] | undefined;
  },
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  signal: AbortSignal,
): Promise<number> {
  const scope = await buildProviderScope({ configPath: flags.config, plugins: flags.plugin });
  // Only the plugins' subjects are needed: nothing of the scope stays open.
  await scope.close();
  const { plugins } = scope;
  const available = [...conformanceSubjects, ...plugins.flatMap((plugin) => plugin.conformanceSubjects ?? [])];
  const wanted = flags.provider?.toLowerCase();
  const subjects = available.filter((subject) => wanted === undefined || subject.name.toLowerCase() === wanted);
  if (subjects.length === 0) {
    throw new UsageError(
      `no conformance subject named "${flags.provider}". Known providers: ${available.map((subject) => subject.name).join(', ')}. ` +
        'A plugin adds its own with conformanceSubjects: --plugin MODULE.',
    );
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
