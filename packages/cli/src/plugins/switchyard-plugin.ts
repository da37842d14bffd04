import type { ProviderConfigSection } from '@switchyard/core';
import type { ConformanceSubject } from '@switchyard/testing';
import type { DependencyContainer } from 'tsyringe';

/**
 * What a plugin module exports, as named exports or as its default export: a provider written
 * outside this repository, made usable by `chat`, `--fallback`, `providers`, `serve` and
 * `conformance`.
 */
export interface SwitchyardPlugin {
  /**
   * Registers the plugin's providers under `PROVIDER` in the command's container, which holds the
   * loaded config (`CONFIG`) and logger (`LOGGER`): `registerProvider(container, (context) => …)`.
   * The command's container is a child of tsyringe's root one, so registering into the root
   * container on import does not reach it.
   */
  readonly register?: ((container: DependencyContainer) => void | Promise<void>) | undefined;
  /** The `providers.<name>` sections its providers read, checked when the config is loaded. */
  readonly configSections?: readonly ProviderConfigSection[] | undefined;
  /** What `switchyard conformance` runs the suite on. */
  readonly conformanceSubjects?: readonly ConformanceSubject[] | undefined;
}

export interface LoadedPlugin extends SwitchyardPlugin {
  /** As the user wrote it, for messages. */
  readonly specifier: string;
}
