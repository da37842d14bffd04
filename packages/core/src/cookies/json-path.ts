import { locateJsonValue } from './json-value-location.js';
import { formatTextPosition } from './text-position.js';

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

/**
 * A problem at `path` in a parsed JSON `text`, as `line 4, column 13: [1].name: …`: the position
 * for an editor, the path for a reader who counts entries. `within` narrows the path down inside
 * a string value, such as one pair of a `Cookie` header.
 */
export function describeJsonProblem(
  text: string,
  path: readonly PropertyKey[],
  problem: string,
  within?: string,
): string {
  const location = within === undefined ? formatJsonPath(path) : `${formatJsonPath(path)} (${within})`;
  return `${formatTextPosition(text, locateJsonValue(text, path))}: ${location}: ${problem}`;
}

/** Zod's issues as problems for a ConfigurationError. Zod messages name the expected type, never the input. */
export function describeSchemaIssues(
  text: string,
  issues: ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly message: string }>,
): string[] {
  return issues.map((issue) => describeJsonProblem(text, issue.path, issue.message.replace(/^Invalid input: /, '')));
}
