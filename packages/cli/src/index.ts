export type { CliIo } from './cli-program.js';
export { runCli } from './cli-program.js';
export { exitCodeFor, exitCodes } from './exit-codes.js';
export type { SwitchyardPlugin } from './plugins/switchyard-plugin.js';
