#!/usr/bin/env node
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { closeDispatchers } from '@switchyard/core';
import type { ConformanceSubject } from './conformance-subject.js';
import { formatCheckLine, formatReportTable } from './format-report.js';
import { runConformance } from './run-conformance.js';

const usage = 'usage: switchyard-conformance <subject-module> [--export name] [--only prefix]...';

const help = `${usage}

Runs the conformance suite on the provider a module describes (a ConformanceSubject, its
default export unless --export names another) and prints the table; exit code 1 when any
check fails, 2 on a usage mistake.

  <subject-module>  a built JavaScript module, e.g. dist/my-conformance-subject.js
  --export name     the export that holds the subject (default: default)
  --only prefix     run only checks whose name starts with prefix (errors., streaming.incremental); repeatable
  -h, --help        print this
`;

/** Node runs JavaScript: a TypeScript subject is a mistake to explain, not an import to attempt. */
const typeScriptAdvice = (modulePath: string) =>
  `${modulePath} is TypeScript, which node does not run: build it first (tsc, then pass the .js from dist/), ` +
  `or run it through tsx: npx tsx node_modules/@switchyard/testing/bin/switchyard-conformance.js ${modulePath}`;

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
    options: {
      export: { type: 'string', default: 'default' },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(help);
    return 0;
  }
  const [modulePath] = positionals;
  if (modulePath === undefined || positionals.length > 1) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  // Under tsx the loader takes TypeScript; under plain node it would fail with a bare ERR_UNKNOWN_FILE_EXTENSION.
  if (/\.[cm]?tsx?$/.test(modulePath) && !process.execArgv.some((flag) => flag.includes('tsx'))) {
    process.stderr.write(`${typeScriptAdvice(modulePath)}\n`);
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
    // parseArgs' own errors (an unknown option, say) deserve the usage line too.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    process.exitCode = 2;
  },
);
