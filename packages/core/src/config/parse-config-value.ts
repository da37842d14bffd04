import type { z } from 'zod';
import { ConfigurationError } from '../errors/configuration-error.js';
import { formatConfigIssues } from './format-config-issues.js';
import { readableIssueMessage } from './readable-issue-message.js';

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
  const result = schema.safeParse(value, { error: readableIssueMessage, reportInput: true });
  if (result.success) return result.data;
  // The zod error is not kept as the cause: its issues hold the raw input, proxy passwords included.
  throw new ConfigurationError({ source, problems: formatConfigIssues(result.error.issues) });
}
