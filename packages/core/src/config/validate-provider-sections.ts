import { z } from 'zod';
import { ConfigurationError } from '../errors/configuration-error.js';
import { formatConfigPath } from './format-config-issues.js';
import { nearestName } from './nearest-name.js';
import { checkConfigValue } from './parse-config-value.js';
import type { ProviderConfigSections } from './provider-config-sections.js';
import type { SwitchyardConfig } from './switchyard-config-schema.js';

/**
 * A section name this close to a known provider's is taken for a slip of the keyboard, never for a
 * new endpoint: registering "OpenAssistent" as one would leave Open Assistant unconfigured, silently.
 */
const misspeltSectionDistance = 2;

/**
 * Checks every section of `config.providers` against the provider that reads it, so a mistake is
 * one `ConfigurationError` naming `source` (the file), each key path and what was expected, before
 * DI builds any provider. Sections under other names are read as `sections.other` says.
 */
export function validateProviderSections(
  config: SwitchyardConfig,
  sections: ProviderConfigSections,
  source: string,
): void {
  const knownNames = sections.known.map((section) => section.name);
  const problems: string[] = [];
  for (const [name, section] of Object.entries(config.providers ?? {})) {
    const path = formatConfigPath(['providers', name]);
    const known = sections.known.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (known !== undefined) {
      problems.push(...sectionProblems(name, known.schema, section));
      continue;
    }
    const meant = nearestName(name, knownNames, misspeltSectionDistance);
    if (meant !== undefined || sections.other === undefined) {
      const hint = meant === undefined ? `expected one of ${quoted(knownNames)}` : `did you mean "${meant}"?`;
      problems.push(`${path}: unknown provider (${hint})`);
      continue;
    }
    const otherProblems = sectionProblems(name, sections.other.schema, section);
    if (otherProblems.length > 0) {
      // Say why a section under a name of its own is held to another provider's keys.
      problems.push(
        `${path}: not a known provider (${quoted(knownNames)}), so it is read as ${sections.other.description}`,
        ...otherProblems,
      );
    }
  }
  if (problems.length > 0) throw new ConfigurationError({ source, problems });
}

/** Checked under its place in the file, so every problem carries the full key path. */
function sectionProblems(name: string, schema: z.ZodType, section: unknown): string[] {
  const placed = z.object({ providers: z.object({ [name]: schema }) });
  const checked = checkConfigValue(placed, { providers: { [name]: section } });
  return checked.ok ? [] : checked.problems;
}

function quoted(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}
