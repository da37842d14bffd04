/** A plugin module that could not be found, imported or used; the message names the module. */
export class PluginLoadError extends Error {
  readonly specifier: string;

  constructor(specifier: string, problem: string, options?: { cause?: unknown }) {
    super(`plugin ${JSON.stringify(specifier)}: ${problem}`, options);
    this.name = 'PluginLoadError';
    this.specifier = specifier;
  }
}
