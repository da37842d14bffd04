/**
 * Writes a location inside a JSON document the way people read it in a file, `[2].domain` or
 * `log.entries[0].request.url`, so a problem can be found without counting array items by hand.
 */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let formatted = '';
  for (const segment of path) {
    if (typeof segment === 'number') formatted += `[${segment}]`;
    else formatted += formatted === '' ? String(segment) : `.${String(segment)}`;
  }
  return formatted === '' ? '(root)' : formatted;
}

/** Zod's issues as problems for a ConfigurationError. Zod messages name the expected type, never the input. */
export function describeSchemaIssues(
  issues: ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly message: string }>,
): string[] {
  return issues.map((issue) => `${formatJsonPath(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`);
}
