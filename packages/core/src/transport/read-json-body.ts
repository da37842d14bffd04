import type { z } from 'zod';
import { ProtocolError } from '../errors/protocol-error.js';
import { describeZodIssues } from '../validation/describe-zod-issues.js';
import { connectionReleased } from './connection-release.js';
import { errorFromNetworkFailure } from './network-failure.js';
import type { HttpResponse } from './send-request.js';
import { defaultTimeouts, type Timeouts } from './timeouts.js';

/** Reads a whole JSON body and checks its shape; anything else is the server breaking the protocol. */
export async function readJsonBody<TSchema extends z.ZodType>(
  response: HttpResponse,
  schema: TSchema,
  context: {
    provider?: string | undefined;
    what: string;
    /** For the message of an idle timeout while the body trickles in. */
    timeouts?: Pick<Timeouts, 'connectMs' | 'headersMs' | 'idleMs'> | undefined;
  },
): Promise<z.output<TSchema>> {
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw errorFromNetworkFailure(error, {
      provider: context.provider,
      target: context.what,
      timeouts: context.timeouts ?? defaultTimeouts,
    });
  }
  await connectionReleased();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ProtocolError({ provider: context.provider, detail: `${context.what} is not JSON`, cause: error });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const problems = describeZodIssues(result.error, '').map((issue) => `${issue.path || '(root)'}: ${issue.message}`);
    throw new ProtocolError({
      provider: context.provider,
      detail: `${context.what} has an unexpected shape (${problems.join('; ')})`,
    });
  }
  return result.data;
}
