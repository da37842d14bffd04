import type { z } from 'zod';

/**
 * What a provider package says about its section of `providers` in switchyard.config.json, so the
 * config can be checked when it is loaded, before any provider is built.
 */
export interface ProviderConfigSection {
  /** The section's name, matched case-insensitively, as `providerConfig` matches it. */
  readonly name: string;
  /** The section's settings; strict, so that a misspelt key is reported rather than ignored. */
  readonly schema: z.ZodType;
}

/** How a section under a name no known provider has is read, e.g. as a named endpoint. */
export interface UnlistedProviderSection {
  /** Should require what only such a section has (a base URL), so a misspelt known name fails. */
  readonly schema: z.ZodType;
  /** What such a section stands for, e.g. "an OpenAI-compatible endpoint". */
  readonly description: string;
}

/** How every section of `providers` is read. */
export interface ProviderConfigSections {
  /** The providers whose sections are known by name. */
  readonly known: readonly ProviderConfigSection[];
  /** Absent: a section under any other name is an error. */
  readonly other?: UnlistedProviderSection | undefined;
}
