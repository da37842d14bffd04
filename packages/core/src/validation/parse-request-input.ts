import type { z } from 'zod';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { describeZodIssues } from './describe-zod-issues.js';

/** Validates one argument of a public entry point, throwing an error that names the field. */
export function parseRequestInput<TSchema extends z.ZodType>(
  schema: TSchema,
  value: unknown,
  root: string,
  provider?: string,
): z.output<TSchema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidRequestError({ issues: describeZodIssues(result.error, root), provider, cause: result.error });
}
