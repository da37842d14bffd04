import type { AnyProvider } from '@switchyard/core';
import { Anthropic, anthropicAuthHint } from '@switchyard/provider-anthropic';
import { OpenAICompatible, openAIAuthHint } from '@switchyard/provider-openai-compatible';
import { OpenAssistant, openAssistantAuthHint } from '@switchyard/provider-openassistant';

/** What the providers and the fallback chain say to a library caller; the CLI says it in flags. */
const libraryHints = [
  openAssistantAuthHint,
  openAIAuthHint,
  anthropicAuthHint,
  'No credentials are configured for it.',
];

/** Cookies from `--cookies` that were for other hosts than the provider's: said when it refuses. */
export interface CookieFileMismatch {
  readonly file: string;
  readonly domains: readonly string[];
  readonly host: string;
}

function hintFor(provider: AnyProvider, mismatch: CookieFileMismatch | undefined): string | undefined {
  if (provider instanceof OpenAssistant) {
    const other =
      mismatch === undefined
        ? ''
        : ` The cookies in ${mismatch.file} are for ${mismatch.domains.join(', ')}, not ${mismatch.host}, so none were sent.`;
    return (
      'Give it the session cookie "__Secure-next-auth.session-token" (or "next-auth.session-token" for a server ' +
      'without https) of a browser logged in to it: --cookies FILE (a JSON export, cookies.txt or HAR) or ' +
      `--cookie __Secure-next-auth.session-token=VALUE.${other}`
    );
  }
  const section = `providers.${provider.name}.apiKey in switchyard.config.json`;
  if (provider instanceof Anthropic) return `Give it an API key: ANTHROPIC_API_KEY, --api-key KEY or ${section}.`;
  if (provider instanceof OpenAICompatible) {
    const variable = provider.name.toLowerCase() === 'openai' ? 'OPENAI_API_KEY, ' : '';
    return `Give it an API key: ${variable}--api-key KEY or ${section}.`;
  }
  return undefined;
}

/** `message` with the library's advice on credentials replaced by the command line's, where it knows better. */
export function withCliAuthHint(
  message: string,
  provider: AnyProvider | undefined,
  mismatch: CookieFileMismatch | undefined,
): string {
  const hint = provider === undefined ? undefined : hintFor(provider, mismatch);
  if (hint === undefined) return message;
  const library = libraryHints.find((candidate) => message.includes(candidate));
  return library === undefined ? message : message.replace(library, hint);
}
