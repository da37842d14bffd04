#!/usr/bin/env node
import 'reflect-metadata';
import { runCli } from './cli-program.js';

const controller = new AbortController();
// The first Ctrl-C cancels cleanly (the upstream chat is deleted); a second one does not wait.
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
