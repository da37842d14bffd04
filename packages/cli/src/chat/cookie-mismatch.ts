import type { AnyProvider, CookieStore } from '@switchyard/core';
import { OpenAssistant } from '@switchyard/provider-openassistant';
import type { CookieFileMismatch } from './cli-auth-hint.js';

/**
 * A `--cookies` file with nothing for the host of the provider that signs in with cookies: the
 * commonest reason for a 403, said before the call and again with the refusal.
 */
export function cookieFileMismatch(
  file: string | undefined,
  store: CookieStore | undefined,
  providers: readonly AnyProvider[],
): CookieFileMismatch | undefined {
  if (file === undefined || store === undefined) return undefined;
  const openAssistant = providers.find((provider) => provider instanceof OpenAssistant);
  if (!(openAssistant instanceof OpenAssistant)) return undefined;
  if (Object.keys(store.getCookies(openAssistant.baseUrl)).length > 0) return undefined;
  return { file, domains: store.domains(), host: new URL(openAssistant.baseUrl).hostname };
}
