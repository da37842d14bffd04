import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;
type BoundIssue = Extract<RawIssue, { code: 'too_small' | 'too_big' }>;

const typeNames: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  bigint: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  map: 'an object',
  array: 'an array',
  tuple: 'an array',
  set: 'an array',
  date: 'a date',
  null: 'null',
};

/**
 * A zod error map that says what a setting should have been in words for someone editing a config
 * file ("expected a positive integer"). What was received is added by `formatConfigIssues`, which
 * knows the path and so whether the value is safe to show. Messages a schema sets itself win over this map.
 */
export const readableIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${typeNames[issue.expected] ?? issue.expected}`;
    case 'too_small':
    case 'too_big':
      return describeBound(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${showLiteral(issue.values[0])}`
        : `expected one of ${issue.values.map(showLiteral).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern !== undefined
        ? `expected a string matching ${issue.pattern}`
        : `expected a valid ${issue.format}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    default:
      // Unknown keys are worded by the formatter; unions and custom checks keep zod's or their own text.
      return undefined;
  }
};

function describeBound(issue: BoundIssue): string | undefined {
  const isMinimum = issue.code === 'too_small';
  const limit = Number(isMinimum ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive ?? true;
  switch (issue.origin) {
    case 'number':
    case 'int':
    case 'bigint': {
      const noun = issue.origin !== 'number' || isIntegerSchema(issue) ? 'integer' : 'number';
      if (limit === 0) {
        const sign = isMinimum ? (inclusive ? 'non-negative' : 'positive') : inclusive ? 'non-positive' : 'negative';
        return `expected a ${sign} ${noun}`;
      }
      const relation = isMinimum
        ? inclusive
          ? 'of at least'
          : 'greater than'
        : inclusive
          ? 'of at most'
          : 'less than';
      return `expected ${noun === 'integer' ? 'an' : 'a'} ${noun} ${relation} ${limit}`;
    }
    case 'string':
      if (isMinimum && limit === 1 && !issue.exact) return 'expected a non-empty string';
      return `expected ${issue.exact ? 'exactly' : isMinimum ? 'at least' : 'at most'} ${limit} characters`;
    case 'array':
    case 'set':
      return `expected ${issue.exact ? 'exactly' : isMinimum ? 'at least' : 'at most'} ${limit} items`;
    default:
      return undefined;
  }
}

/**
 * `z.number().int()` reports its bounds with origin `number`; only the owning schema knows it
 * wants integers. Duck-typed on zod's `isInt` so a schema built by another copy of zod still counts.
 */
function isIntegerSchema(issue: BoundIssue): boolean {
  const schema: unknown = issue.schema;
  return typeof schema === 'object' && schema !== null && 'isInt' in schema && schema.isInt === true;
}

function showLiteral(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
