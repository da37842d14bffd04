import type { InvalidRequestError } from '@switchyard/core';
import { flagForPath } from './flag-names.js';

/** The parts of a zod issue this reads, duck-typed so the CLI needs no zod of its own. */
interface BoundIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
}

function issuesOf(cause: unknown): readonly BoundIssue[] {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as BoundIssue[]) : [];
}

/** zod's "Too big: expected number to be <=2", as a person would say it. */
function boundWords(issue: BoundIssue): string | undefined {
  const inclusive = issue.inclusive ?? true;
  if (issue.code === 'too_big' && issue.maximum !== undefined) {
    return inclusive ? `at most ${issue.maximum}` : `less than ${issue.maximum}`;
  }
  if (issue.code === 'too_small' && issue.minimum !== undefined) {
    return inclusive ? `at least ${issue.minimum}` : `more than ${issue.minimum}`;
  }
  return undefined;
}

/**
 * One line per problem, named by the flag that set the field (`--temperature: at most 2, got 5`)
 * rather than the request path a library caller sees.
 */
export function explainInvalidRequest(error: InvalidRequestError, given: Readonly<Record<string, unknown>>): string {
  const zodIssues = issuesOf(error.cause);
  const lines = error.issues.map((issue) => {
    const flag = flagForPath(issue.path);
    const field = issue.path.replace(/^(request|options)\./, '');
    const bound = zodIssues.find((candidate) => candidate.path.join('.') === field);
    const words = (bound === undefined ? undefined : boundWords(bound)) ?? issue.message;
    const value = given[field.split('.')[0] ?? field];
    const shown = typeof value === 'number' || (typeof value === 'string' && flag !== '--proxy');
    return shown ? `${flag}: ${words}, got ${String(value)}` : `${flag}: ${words}`;
  });
  return lines.join('; ');
}
