import {
  AllProvidersFailedError,
  type AnyProvider,
  InvalidRequestError,
  MissingAuthError,
  ProviderNotWorkingError,
  type ProviderRegistry,
  TimeoutError,
} from '@switchyard/core';
import { OpenAssistant, openAssistantPublicUrl } from '@switchyard/provider-openassistant';
import { type CookieFileMismatch, withCliAuthHint } from './cli-auth-hint.js';
import { explainInvalidRequest } from './explain-invalid-request.js';

export interface ExplainContext {
  readonly registry?: ProviderRegistry | undefined;
  readonly cookieMismatch?: CookieFileMismatch | undefined;
  /** The values given on the command line, by request field, to quote back beside a bound. */
  readonly given?: Readonly<Record<string, unknown>> | undefined;
}

function providerNamed(registry: ProviderRegistry | undefined, name: string | undefined): AnyProvider | undefined {
  return registry !== undefined && name !== undefined && registry.has(name) ? registry.get(name) : undefined;
}

/** An error as the command line says it: in flags and environment variables, not library options. */
export function explainError(error: unknown, context: ExplainContext = {}): string {
  if (!(error instanceof Error)) return String(error);
  if (InvalidRequestError.isInstance(error)) return explainInvalidRequest(error, context.given ?? {});
  if (MissingAuthError.isInstance(error)) {
    return withCliAuthHint(error.message, providerNamed(context.registry, error.provider), context.cookieMismatch);
  }
  if (ProviderNotWorkingError.isInstance(error)) {
    const provider = providerNamed(context.registry, error.provider);
    if (provider instanceof OpenAssistant && provider.baseUrl === openAssistantPublicUrl) {
      return `${error.provider}: it points at ${openAssistantPublicUrl}, which is gone; give it the URL of a self-hosted Open-Assistant (--base-url, for the provider asked or the first of a chain, or providers.OpenAssistant.baseUrl in switchyard.config.json).`;
    }
  }
  if (TimeoutError.isInstance(error)) {
    const setting = `timeouts.${error.phase}Ms`;
    const variable = `SWITCHYARD_TIMEOUT_${error.phase.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}_MS`;
    const flag = error.phase === 'total' ? '--timeout, ' : '';
    return error.message.replace(`(${setting})`, `(${flag}${variable} or ${setting} in switchyard.config.json)`);
  }
  // Each attempt was said as it failed.
  if (AllProvidersFailedError.isInstance(error)) return 'every provider failed';
  return error.message;
}
