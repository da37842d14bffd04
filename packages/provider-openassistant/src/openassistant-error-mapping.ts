import { InvalidRequestError, MissingAuthError, ModelNotSupportedError, type SwitchyardError } from '@switchyard/core';
import type { ErrorResponse } from '@switchyard/core/provider-kit';

export const openAssistantAuthHint =
  'Supply the session cookie "__Secure-next-auth.session-token" (or "next-auth.session-token" for a server ' +
  'without https) from a logged-in browser: pass it in the cookies option, in switchyard.config.json, or as ' +
  'a cookie file in the cookies folder (har_and_cookies).';

/** The website wraps the inference server's detail as `{"message": detail}` (protocol §1.6). */
function serverDetail(bodyText: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (typeof parsed !== 'object' || parsed === null || !('message' in parsed)) return undefined;
    const { message } = parsed;
    if (typeof message === 'string') return message;
    // A FastAPI validation error: a list of {loc, msg}.
    if (Array.isArray(message)) {
      return message
        .map(
          (issue: { loc?: unknown; msg?: unknown }) =>
            `${Array.isArray(issue.loc) ? issue.loc.join('.') : '?'}: ${String(issue.msg)}`,
        )
        .join('; ');
    }
    return JSON.stringify(message);
  } catch {
    return undefined;
  }
}

/**
 * Open Assistant's own reading of error responses, where it says more than the status: the auth
 * hint on 401/403 and the server's detail on 422. Other statuses keep the default mapping.
 */
export function mapOpenAssistantError(
  response: ErrorResponse,
  context: { provider: string; model: string; models: readonly string[] },
): SwitchyardError | undefined {
  if (response.status === 401 || response.status === 403) {
    return new MissingAuthError({ provider: context.provider, status: response.status, hint: openAssistantAuthHint });
  }
  if (response.status !== 422) return undefined;
  const detail = serverDetail(response.bodyText) ?? 'no detail';
  if (/^Model .+ (not found|not in allowed models)/.test(detail)) {
    return new ModelNotSupportedError({
      provider: context.provider,
      model: context.model,
      supportedModels: context.models,
      detail,
    });
  }
  return new InvalidRequestError({
    provider: context.provider,
    issues: [{ path: 'request', message: `the server rejected it: ${detail}` }],
  });
}
