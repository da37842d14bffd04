import type { z } from 'zod';
import { ConfigurationError } from '../errors/configuration-error.js';
import { formatConfigIssues } from './format-config-issues.js';
import { readableIssueMessage } from './readable-issue-message.js';

export type ConfigCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: string[] };

/** Validates one piece of configuration and words every problem for the person editing it. */
export function checkConfigValue<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): ConfigCheck<z.output<Schema>> {
  const result = schema.safeParse(value, { error: readableIssueMessage, reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  // The zod error is not kept: its issues hold the raw input, proxy passwords included.
  return { ok: false, problems: formatConfigIssues(result.error.issues, schema) };
}

/**
 * Validates one piece of configuration, throwing a `ConfigurationError` that names `source` (a
 * file path, an environment variable, a provider section) and lists every problem readably.
 * Providers use it for their own sections of `providers`.
 */
export function parseConfigValue<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  source: string,
): z.output<Schema> {
  const checked = checkConfigValue(schema, value);
  if (checked.ok) return checked.value;
  throw new ConfigurationError({ source, problems: checked.problems });
}
