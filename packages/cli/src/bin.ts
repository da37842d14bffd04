#!/usr/bin/env node
import 'reflect-metadata';
import { runCli } from './cli-program.js';
import { StdoutClosedError } from './stdout-closed.js';

const controller = new AbortController();
// The first Ctrl-C (or SIGTERM, SIGHUP) cancels cleanly: the upstream chat is deleted before the
// process ends. A second one does not wait.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    controller.abort();
    process.once(signal, () => process.exit(130));
  });
}
// A reader that went away (`| head`) cancels the call instead of crashing with EPIPE mid-stream,
// and the command ends quietly with the closed-pipe status.
process.stdout.on('error', () => controller.abort(new StdoutClosedError()));

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
