#!/usr/bin/env node
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { closeDispatchers } from '@switchyard/core';
import type { ConformanceSubject } from './conformance-subject.js';
import { formatCheckLine, formatReportTable } from './format-report.js';
import { runConformance } from './run-conformance.js';

const usage = 'usage: switchyard-conformance <subject-module> [--export name] [--only prefix]...';

function isSubject(value: unknown): value is ConformanceSubject {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ConformanceSubject).name === 'string' &&
    typeof (value as ConformanceSubject).startTarget === 'function' &&
    typeof (value as ConformanceSubject).createProvider === 'function'
  );
}

/** Runs the suite on the subject a module exports, prints the table, exits 1 on any failure. */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { export: { type: 'string', default: 'default' }, only: { type: 'string', multiple: true } },
  });
  const [modulePath] = positionals;
  if (modulePath === undefined || positionals.length > 1) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const loaded = (await import(pathToFileURL(resolve(modulePath)).href)) as Record<string, unknown>;
  const subject = loaded[values.export];
  if (!isSubject(subject)) {
    process.stderr.write(`${modulePath} has no conformance subject as its "${values.export}" export.\n${usage}\n`);
    return 2;
  }
  const report = await runConformance(subject, {
    only: values.only,
    onCheck: (result) => process.stderr.write(`${formatCheckLine(result)}\n`),
  });
  process.stdout.write(`${formatReportTable(report)}\n`);
  await closeDispatchers();
  return report.failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
