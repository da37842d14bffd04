import type { z } from 'zod';

export interface DescribedIssue {
  /** Dotted path from the root the caller named, e.g. `messages.0.role`. */
  readonly path: string;
  readonly message: string;
}

function joinPath(root: string, segments: readonly PropertyKey[]): string {
  return [root, ...segments.map(String)].filter((segment) => segment !== '').join('.');
}

/**
 * Turns zod's issues into one line per offending field. Unknown keys get a line each, at their
 * own path, because "options.foo: unknown key" is what the reader looks for, not the parent.
 */
export function describeZodIssues(error: z.ZodError, root: string): DescribedIssue[] {
  return error.issues.flatMap((issue): DescribedIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath(root, [...issue.path, key]), message: 'unknown key' }));
    }
    const message = issue.message.replace(/^Invalid input: /, '');
    return [{ path: joinPath(root, issue.path), message }];
  });
}
