#!/usr/bin/env node
// Committed beside the build rather than pointing the bin at dist/: pnpm links bins at install
// time, before anything is built, and a bin whose file is missing is skipped with a warning.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const build = new URL('../dist/conformance/conformance-cli.js', import.meta.url);
if (existsSync(fileURLToPath(build))) {
  await import(build.href);
} else {
  process.stderr.write(
    `switchyard-conformance is not built yet (${fileURLToPath(build)} is missing).\n` +
      'Build it first: npx --yes pnpm@10.34.8 build, in the repository.\n',
  );
  process.exitCode = 1;
}
